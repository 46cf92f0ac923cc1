import Foundation
import XCTest
import KarpenterAPI
@testable import KarpenterScheduling

final class InstanceTypeCatalogTests: XCTestCase {
    func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func testDecodesACatalog() throws {
        let document = try json(#"""
        {"kind": "InstanceTypeCatalog", "instanceTypes": [
          {"name": "m-4x16",
           "capacity": {"cpu": "4", "memory": "16Gi", "pods": "110", "nvidia.com/gpu": 1},
           "overhead": {"kubeReserved": {"cpu": "80m", "memory": "1Gi"}, "systemReserved": {}, "evictionThreshold": {"memory": "100Mi"}},
           "requirements": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]}],
           "offerings": [{"zone": "zone-a", "capacityType": "spot", "price": 0.05},
                         {"zone": "zone-b", "capacityType": "on-demand", "price": "0.2", "available": false}]}]}
        """#)
        let types = try InstanceTypeCatalog.decode(document)
        let it = try XCTUnwrap(types.first)
        XCTAssertEqual(it.name, "m-4x16")
        XCTAssertEqual(it.capacity.cpuMillis, 4000)
        XCTAssertEqual(it.capacity.memoryBytes, 16 << 30)
        XCTAssertEqual(it.capacity["nvidia.com/gpu"], 1)
        XCTAssertEqual(it.allocatable.cpuMillis, 3920)
        XCTAssertEqual(it.allocatable.memoryBytes, (15 << 30) - (100 << 20))
        XCTAssertEqual(it.requirements.get(SchedulingLabel.instanceType).valueStrings, ["m-4x16"])
        XCTAssertEqual(it.requirements.get(SchedulingLabel.zone).valueStrings, ["zone-a"], "zones of available offerings")
        XCTAssertEqual(it.requirements.get(SchedulingLabel.capacityType).valueStrings, ["spot"])
        XCTAssertEqual(it.offerings.map(\.price), [0.05, 0.2])
        XCTAssertEqual(it.offerings.map(\.available), [true, false])
    }

    func testReportsEveryProblemWithItsFieldPath() throws {
        let document = try json(#"""
        {"kind": "Catalog", "instanceTypes": [
          {"name": "a", "capacity": {"cpu": "lots"}, "offerings": [{"zone": "z", "capacityType": "spot", "price": -1}]},
          {"name": "b", "capacity": {"cpu": "1"}, "offerings": [{"zone": "z", "price": 1, "colour": "red"}],
           "requirements": [{"key": "k", "operator": "Near", "values": ["x"]}]},
          {"name": "b", "capacity": {"cpu": "1"}, "offerings": [{"zone": "z", "capacityType": "spot", "price": 1}]}]}
        """#)
        XCTAssertThrowsError(try InstanceTypeCatalog.decode(document)) { error in
            let issues = (error as? InstanceTypeCatalogError)?.issues.map(\.path.description) ?? []
            XCTAssertEqual(issues, [
                "kind",
                "instanceTypes[0].capacity[cpu]",
                "instanceTypes[0].offerings[0].price",
                "instanceTypes[1].requirements[0].operator",
                "instanceTypes[1].offerings[0].colour",
                "instanceTypes[1].offerings[0].capacityType",
                "instanceTypes[2].name",
            ])
        }
    }

    func testRejectsWrongShapes() throws {
        XCTAssertThrowsError(try InstanceTypeCatalog.decode(try json(#"{"kind": "InstanceTypeCatalog"}"#))) { error in
            XCTAssertEqual((error as? InstanceTypeCatalogError)?.issues.first?.description, "instanceTypes: required")
        }
        XCTAssertThrowsError(try InstanceTypeCatalog.decode(try json(#"{"kind": "InstanceTypeCatalog", "instanceTypes": [3]}"#))) { error in
            XCTAssertEqual((error as? InstanceTypeCatalogError)?.issues.first?.description, "instanceTypes[0]: must be an object, got integer")
        }
    }
}
