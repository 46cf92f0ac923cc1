import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// Everything one VM launch needs, decided before any call.
struct LaunchPlan: Sendable {
    var vmName: String
    var candidate: LaunchCandidate
    var tags: [String: String]
    var subnetID: String
    /// LB backend pools and NSG (CLOUD.md §4 steps 5–6).
    var networking: LaunchNetworking
    var imageID: String
    var customData: String
    var osDiskSizeGB: Int
    /// Set when the OS disk fits on the VM's local storage: an ephemeral OS disk there.
    var ephemeralPlacement: EphemeralOSDisk.Placement?
    var maxPods: Int
    var encryptionAtHost: Bool
    /// Set when the NodeClass turns vTPM or secure boot on.
    var trustedLaunch: TrustedLaunch?
    var ultraSSD: Bool
}

/// The NIC and VM request bodies of CLOUD.md §4 steps 7 and 8.
enum ResourceBodies {
    static func networkInterface(_ plan: LaunchPlan, configuration: AzureConfiguration) -> JSONValue {
        var primary: JSONValue = .object([
            "primary": .bool(true), "privateIPAllocationMethod": .string("Dynamic"),
            "subnet": .object(["id": .string(plan.subnetID)]),
        ])
        if !plan.networking.backendPoolIDs.isEmpty {
            primary["loadBalancerBackendAddressPools"] = .array(plan.networking.backendPoolIDs.map { .object(["id": .string($0)]) })
        }
        var ipConfigurations: [JSONValue] = [.object(["name": .string(plan.vmName), "properties": primary])]
        // Azure CNI without overlay gives pods VNET addresses: one secondary IP per pod.
        if configuration.networkPlugin == "azure" && configuration.networkPluginMode != "overlay" && plan.maxPods > 1 {
            for index in 1..<plan.maxPods {
                ipConfigurations.append(.object([
                    "name": .string("ipconfig\(index)"),
                    "properties": .object([
                        "primary": .bool(false), "privateIPAllocationMethod": .string("Dynamic"),
                        "subnet": .object(["id": .string(plan.subnetID)]),
                    ]),
                ]))
            }
        }
        let accelerated = plan.candidate.instanceType.requirements.get(AzureLabels.skuNetworkingAccelerated).allows("true")
        var properties: JSONValue = .object([
            "ipConfigurations": .array(ipConfigurations),
            "enableAcceleratedNetworking": .bool(accelerated),
            "enableIPForwarding": .bool(false),
        ])
        if let nsg = plan.networking.networkSecurityGroupID {
            properties["networkSecurityGroup"] = .object(["id": .string(nsg)])
        }
        return .object([
            "location": .string(configuration.location),
            "tags": ResourceTags.json(plan.tags),
            "properties": properties,
        ])
    }

    static func virtualMachine(_ plan: LaunchPlan, nicID: String, configuration: AzureConfiguration) -> JSONValue {
        let type = plan.candidate.instanceType
        let spot = plan.candidate.offering.capacityType == SchedulingLabel.capacityTypeSpot
        let premium = type.requirements.get(AzureLabels.skuStoragePremiumCapable).allows("true")
        var managedDisk: JSONValue = .object(["storageAccountType": .string(premium ? "Premium_LRS" : "Standard_LRS")])
        if let encryptionSet = configuration.diskEncryptionSetID {
            managedDisk["diskEncryptionSet"] = .object(["id": .string(encryptionSet)])
        }
        var osDisk: JSONValue = .object([
            "name": .string(plan.vmName), "diskSizeGB": .int(Int64(plan.osDiskSizeGB)),
            "createOption": .string("FromImage"), "deleteOption": .string("Delete"),
            "managedDisk": managedDisk,
        ])
        if let placement = plan.ephemeralPlacement {
            osDisk["caching"] = .string("ReadOnly")
            osDisk["diffDiskSettings"] = .object(["option": .string("Local"), "placement": .string(placement.rawValue)])
        }
        var properties: [(String, JSONValue)] = [
            ("hardwareProfile", .object(["vmSize": .string(type.name)])),
            ("storageProfile", .object([
                "imageReference": NodeImageSelection.imageReference(plan.imageID),
                "osDisk": osDisk,
            ])),
            ("networkProfile", .object(["networkInterfaces": .array([.object([
                "id": .string(nicID),
                "properties": .object(["primary": .bool(true), "deleteOption": .string("Delete")]),
            ])])])),
            ("osProfile", .object([
                "adminUsername": .string(configuration.adminUsername),
                "computerName": .string(plan.vmName),
                "customData": .string(plan.customData),
                "linuxConfiguration": .object([
                    "disablePasswordAuthentication": .bool(true),
                    "ssh": .object(["publicKeys": .array([.object([
                        "path": .string("/home/\(configuration.adminUsername)/.ssh/authorized_keys"),
                        "keyData": .string(configuration.sshPublicKey),
                    ])])]),
                ]),
            ])),
            ("priority", .string(spot ? "Spot" : "Regular")),
        ]
        if spot {
            properties.append(("evictionPolicy", .string("Delete")))
            properties.append(("billingProfile", .object(["maxPrice": .number("-1")])))
        }
        var security: JSONValue = .object([:])
        if plan.encryptionAtHost { security["encryptionAtHost"] = .bool(true) }
        if let trusted = plan.trustedLaunch {
            security["securityType"] = .string("TrustedLaunch")
            security["uefiSettings"] = .object([
                "secureBootEnabled": .bool(trusted.secureBoot ?? false), "vTpmEnabled": .bool(trusted.vtpm ?? false),
            ])
        }
        if security.objectValue?.isEmpty == false { properties.append(("securityProfile", security)) }
        if plan.ultraSSD {
            properties.append(("additionalCapabilities", .object(["ultraSSDEnabled": .bool(true)])))
        }
        var body: [(String, JSONValue)] = [("location", .string(configuration.location))]
        let zones = AzureZones.armZones(forLabel: plan.candidate.offering.zone)
        if !zones.isEmpty { body.append(("zones", .array(zones.map(JSONValue.string)))) }
        if !configuration.nodeIdentities.isEmpty {
            body.append(("identity", .object([
                "type": .string("UserAssigned"),
                "userAssignedIdentities": .object(.init(uniqueKeysWithValues: configuration.nodeIdentities.map { ($0, JSONValue.object([:])) })),
            ])))
        }
        body.append(("tags", ResourceTags.json(plan.tags)))
        body.append(("properties", .object(.init(uniqueKeysWithValues: properties))))
        return .object(.init(uniqueKeysWithValues: body))
    }
}
