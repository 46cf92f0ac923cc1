import Foundation
import KarpenterAPI

/// Community gallery image versions, the AKS nodeImageVersions list and subnets:
/// * `GET /subscriptions/{s}/providers/Microsoft.Compute/locations/{l}/communityGalleries/{public}/images/{definition}/versions`
/// * `GET /subscriptions/{s}/providers/Microsoft.ContainerService/locations/{l}/nodeImageVersions`
/// * `GET /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{n}`
///
/// Lists (these and the load balancer / NSG lists) page by `listPageSize` with an absolute `nextLink` carrying `$skiptoken`.
extension StandInState {
    static let ubuntuGallery = "AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2"
    static let azureLinuxGallery = "AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b"
    /// The AKS galleries' definitions; those ending in `fips…` are only in the Shared Image Gallery.
    static let ubuntuDefinitions = ["2204gen2containerd", "2204containerd", "2204gen2arm64containerd", "2204gen2TLcontainerd",
                                    "2204gen2fipsTLcontainerd", "2404gen2containerd", "2404containerd", "2404gen2arm64containerd",
                                    "2404gen2TLcontainerd", "2004gen2fipscontainerd", "2004fipscontainerd"]
    static let azureLinuxDefinitions = ["V2gen2", "V2", "V2gen2arm64", "V2gen2fips", "V2fips", "V2gen2TL",
                                        "V3gen2", "V3", "V3gen2arm64", "V3gen2fips", "V3fips", "V3gen2arm64fips", "V3gen2TL"]

    static func galleryKey(_ gallery: String, _ definition: String) -> String {
        "\(gallery.lowercased())/\(definition.lowercased())"
    }

    /// Two versions of every non-FIPS definition in the community galleries; one version of every
    /// definition (and a Windows image, which clients must ignore) in nodeImageVersions.
    static func defaultCommunityImages() -> [String: [StandInImageVersion]] {
        let versions = [StandInImageVersion(name: "202505.20.0", publishedDate: "2025-05-21T04:18:22.4218871+00:00"),
                        StandInImageVersion(name: "202505.27.0", publishedDate: "2025-05-28T03:51:09.1873225+00:00")]
        var images: [String: [StandInImageVersion]] = [:]
        for (gallery, definitions) in [(ubuntuGallery, ubuntuDefinitions), (azureLinuxGallery, azureLinuxDefinitions)] {
            for definition in definitions where !definition.lowercased().contains("fips") {
                images[galleryKey(gallery, definition)] = versions
            }
        }
        return images
    }

    static func defaultNodeImageVersions() -> [StandInNodeImageVersion] {
        var entries: [StandInNodeImageVersion] = []
        for (os, definitions) in [("AKSUbuntu", ubuntuDefinitions), ("AKSAzureLinux", azureLinuxDefinitions)] {
            entries += definitions.map { StandInNodeImageVersion(os: os, sku: $0, version: "202505.27.0") }
        }
        entries.append(StandInNodeImageVersion(os: "AKSWindows", sku: "windows-2022-containerd", version: "20348.3692.250515"))
        return entries
    }

    mutating func listCommunityImageVersions(_ request: StandInRequest, segments: [String], baseURL: String) -> StandInResponse {
        guard request.method == "GET" else {
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
        let (location, gallery, definition) = (segments[5], segments[7], segments[9])
        guard [Self.ubuntuGallery, Self.azureLinuxGallery].contains(where: { $0.lowercased() == gallery.lowercased() })
            || communityImages.keys.contains(where: { $0.hasPrefix(gallery.lowercased() + "/") }) else {
            return .armError(.notFound, code: "GalleryNotFound", message: "The community gallery '\(gallery)' was not found.")
        }
        guard let versions = communityImages[Self.galleryKey(gallery, definition)] else {
            return .armError(.notFound, code: "ResourceNotFound",
                             message: "The Resource 'Microsoft.Compute/communityGalleries/\(gallery)/images/\(definition)' was not found.")
        }
        let values: [JSONValue] = versions.map { version in
            .object([
                "name": .string(version.name),
                "location": .string(location),
                "type": .string("Microsoft.Compute/locations/communityGalleries/images/versions"),
                "identifier": .object(["uniqueId": .string("/CommunityGalleries/\(gallery)/Images/\(definition)/Versions/\(version.name)")]),
                "properties": .object([
                    "publishedDate": .string(version.publishedDate),
                    "endOfLifeDate": .string("2026-05-28T00:00:00+00:00"),
                    "excludeFromLatest": .bool(version.excludeFromLatest),
                    "storageProfile": .object(["osDiskImage": .object(["diskSizeGB": .int(30), "hostCaching": .string("ReadOnly")])]),
                ]),
            ])
        }
        return page(values, request: request, baseURL: baseURL)
    }

    mutating func listNodeImageVersions(_ request: StandInRequest, baseURL: String) -> StandInResponse {
        guard request.method == "GET" else {
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
        let values: [JSONValue] = nodeImageVersions.map { entry in
            .object([
                "fullName": .string("\(entry.os)-\(entry.sku)-\(entry.version)"),
                "os": .string(entry.os), "sku": .string(entry.sku), "version": .string(entry.version),
            ])
        }
        return page(values, request: request, baseURL: baseURL)
    }

    func handleSubnet(_ request: StandInRequest, path: String) -> StandInResponse {
        guard request.method == "GET" else {
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
        if missingSubnets.contains(path.lowercased()) {
            return .armError(.notFound, code: "NotFound", message: "Resource \(path) not found.")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        return .json(.ok, .object([
            "id": .string(path), "name": .string(name), "type": .string("Microsoft.Network/virtualNetworks/subnets"),
            "etag": .string("W/\"00000000-0000-0000-0000-000000000001\""),
            "properties": .object([
                "provisioningState": .string("Succeeded"), "addressPrefix": .string("10.224.0.0/16"),
                "privateEndpointNetworkPolicies": .string("Disabled"), "privateLinkServiceNetworkPolicies": .string("Enabled"),
            ]),
        ]))
    }

    /// One page of `values` from the request's `$skiptoken`, with `nextLink` when more remain.
    func page(_ values: [JSONValue], request: StandInRequest, baseURL: String) -> StandInResponse {
        let offset = request.query["$skiptoken"].flatMap { Int($0) } ?? 0
        let slice = Array(values.dropFirst(offset).prefix(listPageSize))
        var body: JSONValue = .object(["value": .array(slice)])
        if offset + slice.count < values.count {
            let apiVersion = request.query["api-version"] ?? ""
            body["nextLink"] = .string("\(baseURL)\(request.path)?api-version=\(apiVersion)&$skiptoken=\(offset + slice.count)")
        }
        return .json(.ok, body)
    }
}
