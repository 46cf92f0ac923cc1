import Foundation
import KarpenterAPI
import KarpenterCloud
import KarpenterScheduling

/// A VM resource (from GET or Resource Graph) as a `CloudInstance`.
enum VirtualMachineReading {
    static func instance(_ vm: JSONValue, configuration: AzureConfiguration) -> CloudInstance? {
        guard let name = vm["name"]?.stringValue ?? vm["id"]?.stringValue?.split(separator: "/").last.map(String.init) else { return nil }
        let properties = vm["properties"]
        let tags = vm["tags"]
        let zones = (vm["zones"]?.arrayValue ?? []).compactMap(\.stringValue)
        let location = vm["location"]?.stringValue ?? configuration.location
        let image = properties?["storageProfile"]?["imageReference"]
        let priority = properties?["priority"]?.stringValue ?? "Regular"
        let nodeClaim = tags?[ResourceTags.nodeClaim]?.stringValue ?? (name.hasPrefix("aks-") ? String(name.dropFirst(4)) : nil)
        return CloudInstance(
            providerID: AzureProviderID.make(subscription: configuration.subscriptionID,
                                             resourceGroup: configuration.nodeResourceGroup, vmName: name.lowercased()),
            nodeClaimName: nodeClaim,
            nodePoolName: tags?[ResourceTags.nodePool]?.stringValue,
            instanceType: properties?["hardwareProfile"]?["vmSize"]?.stringValue,
            zone: AzureZones.label(location: location, zones: zones),
            capacityType: priority.lowercased() == "spot" ? SchedulingLabel.capacityTypeSpot : SchedulingLabel.capacityTypeOnDemand,
            imageID: image?["communityGalleryImageId"]?.stringValue ?? image?["id"]?.stringValue,
            state: state(properties?["provisioningState"]?.stringValue),
            createdAt: properties?["timeCreated"]?.stringValue.flatMap(parseTime))
    }

    static func state(_ provisioningState: String?) -> CloudInstance.State {
        switch provisioningState ?? "" {
        case "Creating", "Updating", "Migrating": .creating
        case "Succeeded": .running
        case "Deleting": .deleting
        case "Failed", "Canceled": .failed
        default: .unknown
        }
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
