import KarpenterAPI
import Testing

extension WebhookProcess {
    /// Sends one ConversionReview over a fresh HTTPS connection and returns the parsed answer,
    /// checking the envelope (200, kind, echoed uid) on the way.
    func convert(_ objects: [JSONValue], to desired: String, uid: String) async throws -> JSONValue {
        let client = try await connect()
        let response = try await client.post("/convert", body: Reviews.conversion(objects, to: desired, uid: uid)).get()
        _ = try await client.close().get()
        #expect(response.status == 200)
        let answer = try Reviews.parse(response.body)
        #expect(answer["kind"]?.stringValue == "ConversionReview")
        #expect(answer["response"]?["uid"]?.stringValue == uid)
        return answer
    }
}
