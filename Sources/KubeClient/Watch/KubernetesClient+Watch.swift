import Foundation
import KarpenterAPI

extension KubernetesClient {
    /// Streams changes to `resource` from `options.resourceVersion`. The stream ends when the
    /// server closes the watch (its timeout, or a dropped connection: resume from the last
    /// event's resourceVersion) and throws the `Status` of an `ERROR` event (410 Gone: the
    /// version is too old, list again). Cancelling the consuming task closes the connection.
    public func watch(_ resource: APIResource, namespace: String? = nil,
                      options: WatchOptions = WatchOptions()) -> AsyncThrowingStream<WatchEvent, any Error> {
        let request = KubeRequest(method: "GET", path: resource.collectionPath(namespace: namespace), query: options.query)
        // Past the server's own timeout plus slack: a silent, half-open connection ends too.
        let deadline = ContinuousClock.now + .seconds(options.timeoutSeconds) + .seconds(30)
        let transport = self.transport
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let body = try await transport.stream(request, deadline: deadline)
                    var framer = JSONStreamFramer()
                    for try await chunk in body {
                        for document in try framer.append(chunk.readableBytesView) {
                            continuation.yield(try Self.decodeEvent(document, resource: resource, path: request.path))
                        }
                    }
                    continuation.finish()
                } catch let error as KubeClientError {
                    continuation.finish(throwing: error)
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    // A connection that breaks mid-stream ends the watch like a server timeout.
                    continuation.finish()
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    static func decodeEvent(_ document: [UInt8], resource: APIResource, path: String) throws(KubeClientError) -> WatchEvent {
        let event: JSONValue
        do {
            event = try JSONBodyParser.parse(document)
        } catch {
            throw .malformedResponse(path: path, reason: "watch event: \(error)")
        }
        let object = event["object"] ?? .null
        switch event["type"]?.stringValue {
        case "ERROR":
            let body = Array(JSONWriter.string(object).utf8)
            throw .status(StatusError.decode(code: object["code"]?.integerValue.map(Int.init) ?? 500, body: body, retryAfter: nil))
        case let type?:
            guard let eventType = WatchEvent.EventType(rawValue: type) else {
                throw .malformedResponse(path: path, reason: "unknown watch event type \(type)")
            }
            return WatchEvent(type: eventType, object: filledIn(object, resource: resource))
        case nil:
            throw .malformedResponse(path: path, reason: "a watch event without a type")
        }
    }
}
