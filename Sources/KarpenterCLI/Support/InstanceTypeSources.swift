import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling

/// The instance types for `simulate` and `explain`: the embedded Azure catalog of a region,
/// shaped per AKSNodeClass, or a user's `InstanceTypeCatalog` file.
enum InstanceTypeSources {
    static func embedded(region: String) throws(CLIError) -> InstanceTypeSource {
        do {
            return try AzureCatalog.instanceTypeSource(region: region)
        } catch {
            throw CLIError.usage("\(error)")
        }
    }

    static func catalogFile(_ path: String) throws(CLIError) -> InstanceTypeSource {
        let entry = ManifestFiles.read(path)
        let documents: [ManifestDocument]
        switch entry.result {
        case .success(let parsed): documents = parsed
        case .failure(let error): throw CLIError.failed("\(entry.name): \(error)")
        }
        guard documents.count == 1, let document = documents.first else {
            throw CLIError.failed("\(entry.name): expected one InstanceTypeCatalog document, found \(documents.count)")
        }
        do {
            let types = try InstanceTypeCatalog.decode(document.value)
            if types.isEmpty { throw CLIError.failed("\(entry.name): the catalog lists no instance types") }
            return .fixed(types, description: "catalog \(entry.name)")
        } catch let error as InstanceTypeCatalogError {
            let lines = error.issues.map { issue in
                let location = document.location(of: issue.path)
                return "\(entry.name):\(location.line):\(location.column): error: \(issue.path): \(issue.message)"
            }
            throw CLIError.failed(lines.joined(separator: "\n"))
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.failed("\(entry.name): \(error)")
        }
    }
}

/// Derives each distinct node-class shape once per run.
