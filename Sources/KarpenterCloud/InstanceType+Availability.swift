import KarpenterScheduling

extension Offering {
    /// The same offering, launchable or not.
    func withAvailability(_ available: Bool) -> Offering {
        Offering(requirements: requirements, price: price, available: available)
    }
}

extension InstanceType {
    /// The same instance type with other offerings.
    func replacingOfferings(_ offerings: [Offering]) -> InstanceType {
        InstanceType(name: name, requirements: requirements, capacity: capacity, overhead: overhead, offerings: offerings)
    }
}
