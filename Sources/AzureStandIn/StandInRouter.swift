import Foundation
import KarpenterAPI
import NIOHTTP1

/// Dispatches a request to the token endpoints, IMDS or the ARM resources, recording it first.
extension StandInState {
    mutating func handle(_ request: StandInRequest, baseURL: String) -> StandInResponse {
        finishOverdueOperations()
        requests.append(RecordedRequest(method: request.method, path: request.path, query: request.query,
                                        headers: request.headers, body: request.json, rawBody: request.bodyText))
        let segments = request.path.split(separator: "/").map(String.init)
        let lower = segments.map { $0.lowercased() }

        if lower.count == 4, lower[1] == "oauth2", lower[2] == "v2.0", lower[3] == "token" {
            return request.method == "POST" ? issueEntraToken(request) : .oauthError(.methodNotAllowed, error: "invalid_request", description: "use POST")
        }
        if lower == ["metadata", "identity", "oauth2", "token"] {
            return issueIMDSToken(request)
        }
        if let failure = checkAuthorization(request) { return failure }
        if throttlesLeft > 0 {
            throttlesLeft -= 1
            var response = StandInResponse.armError(.tooManyRequests, code: "TooManyRequests",
                                                    message: "The request is being throttled; retry after \(throttleRetryAfter) seconds.")
            response.headers.append(("Retry-After", String(throttleRetryAfter)))
            return response
        }
        if !injectedFailures.isEmpty {
            let failure = injectedFailures.removeFirst()
            return .armError(HTTPResponseStatus(statusCode: failure.status), code: failure.code, message: failure.message)
        }
        if lower == ["providers", "microsoft.resourcegraph", "resources"], request.method == "POST" {
            return queryResourceGraph(request)
        }
        // /subscriptions/{sub}/providers/{namespace}/locations/{loc}/{operations|operationResults}/{id}
        if lower.count == 8, lower[0] == "subscriptions", lower[2] == "providers", lower[4] == "locations" {
            let path = "/" + segments.joined(separator: "/")
            switch lower[6] {
            case "operations": return pollAsyncOperation(id: segments[7], selfURL: baseURL + path)
            case "operationresults": return pollOperationResult(id: segments[7], selfURL: baseURL + path)
            default: break
            }
        }
        // /subscriptions/{sub}/providers/Microsoft.Compute/locations/{loc}/communityGalleries/{public}/images/{definition}/versions
        if lower.count == 11, lower[0] == "subscriptions", lower[2] == "providers", lower[3] == "microsoft.compute",
           lower[4] == "locations", lower[6] == "communitygalleries", lower[8] == "images", lower[10] == "versions" {
            return listCommunityImageVersions(request, segments: segments, baseURL: baseURL)
        }
        // /subscriptions/{sub}/providers/Microsoft.ContainerService/locations/{loc}/nodeImageVersions
        if lower.count == 7, lower[0] == "subscriptions", lower[2] == "providers", lower[3] == "microsoft.containerservice",
           lower[4] == "locations", lower[6] == "nodeimageversions" {
            return listNodeImageVersions(request, baseURL: baseURL)
        }
        // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}
        if lower.count == 10, lower[0] == "subscriptions", lower[2] == "resourcegroups", lower[4] == "providers",
           lower[5] == "microsoft.network", lower[6] == "virtualnetworks", lower[8] == "subnets" {
            return handleSubnet(request, path: "/" + segments.joined(separator: "/"))
        }
        // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/{loadBalancers|networkSecurityGroups}
        if lower.count == 7, lower[0] == "subscriptions", lower[2] == "resourcegroups", lower[4] == "providers",
           lower[5] == "microsoft.network" {
            switch lower[6] {
            case "loadbalancers": return listLoadBalancers(request, subscription: segments[1], resourceGroup: segments[3], baseURL: baseURL)
            case "networksecuritygroups":
                return listNetworkSecurityGroups(request, subscription: segments[1], resourceGroup: segments[3], baseURL: baseURL)
            default: break
            }
        }
        // /subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}
        if lower.count == 8, lower[0] == "subscriptions", lower[2] == "resourcegroups", lower[4] == "providers" {
            let target = ResourceTarget(subscription: segments[1], resourceGroup: segments[3], name: segments[7])
            switch (lower[5], lower[6]) {
            case ("microsoft.compute", "virtualmachines"): return handleVirtualMachine(request, target: target, baseURL: baseURL)
            case ("microsoft.network", "networkinterfaces"): return handleNetworkInterface(request, target: target, baseURL: baseURL)
            default: break
            }
        }
        return .armError(.notFound, code: "InvalidResourceType", message: "The stand-in does not serve \(request.method) \(request.path).")
    }

    private func checkAuthorization(_ request: StandInRequest) -> StandInResponse? {
        guard let header = request.headers["authorization"] else {
            return .armError(.unauthorized, code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing.")
        }
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), acceptedTokens.contains(String(header.dropFirst(prefix.count))) else {
            return .armError(.unauthorized, code: "InvalidAuthenticationToken", message: "The access token is invalid.")
        }
        return nil
    }
}

struct ResourceTarget {
    var subscription: String
    var resourceGroup: String
    var name: String

    func id(namespace: String, type: String) -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/\(namespace)/\(type)/\(name)"
    }
}
