/// Types that decode as their empty value when their key is absent, so `pod.metadata` and
/// `pod.spec` need no unwrapping even for manifests that leave them out.
public protocol DecodesMissingAsEmpty: Decodable {
    init()
}

extension KeyedDecodingContainer {
    // Synthesized Codable picks this more specific overload for non-optional properties.
    public func decode<T: DecodesMissingAsEmpty>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? T()
    }
}
