import Foundation

/// One run of an external command.
struct ProcessInvocation: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Hand our stdin and stderr to the command (interactive login prompts); otherwise stdin is
    /// /dev/null and stderr is captured for error messages.
    var interactive: Bool
    var timeout: Duration?
}

struct ProcessOutcome: Sendable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    var ending: Ending
    var stdout: Data
    var stderr: Data
}

enum ProcessRunError: Error {
    case launch(String)
    case timedOut
}

/// Runs a command with Foundation `Process` off the cooperative pool, reading stdout and
/// stderr to their ends concurrently (so a full pipe cannot deadlock the child).
enum ProcessRunner {
    static func run(_ invocation: ProcessInvocation) async throws -> ProcessOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let once = ResumeOnce(continuation)
            DispatchQueue.global().async {
                start(invocation, once: once)
            }
        }
    }

    /// Starts the process, trying again a few times while the executable is "Text file busy":
    /// a plugin just written (installed, updated) can still be open for writing in another
    /// process forked at that moment, and exec refuses it for that instant.
    private static func launch(_ process: Process) throws {
        var attempt = 0
        while true {
            do {
                try process.run()
                return
            } catch {
                attempt += 1
                guard attempt < 6, isTextFileBusy(error) else { throw error }
                usleep(UInt32(10_000 << attempt))
            }
        }
    }

    private static func isTextFileBusy(_ error: any Error) -> Bool {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain && nsError.code == Int(ETXTBSY) { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain && underlying.code == Int(ETXTBSY) { return true }
        return "\(error)".contains("Text file busy")
    }

    private static func start(_ invocation: ProcessInvocation, once: ResumeOnce) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: invocation.executable)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        if invocation.interactive {
            process.standardInput = FileHandle.standardInput
            process.standardError = FileHandle.standardError
        } else {
            process.standardInput = FileHandle.nullDevice
            process.standardError = stderr
        }
        do {
            try launch(process)
        } catch {
            once.resume(.failure(ProcessRunError.launch("\(error)")))
            return
        }
        let handle = ProcessHandle(process)
        if let timeout = invocation.timeout {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                // A grandchild may keep the pipes open, so do not wait for them here.
                if handle.terminateIfRunning() { once.resume(.failure(ProcessRunError.timedOut)) }
            }
        }
        let collected = DataBox()
        let group = DispatchGroup()
        if !invocation.interactive {
            let reader = stderr.fileHandleForReading
            DispatchQueue.global().async(group: group) { collected.set(reader.readDataToEndOfFile()) }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let ending = handle.waitForExit()
        once.resume(.success(ProcessOutcome(ending: ending, stdout: output, stderr: collected.get())))
    }
}

/// Resumes a continuation exactly once (the timeout and the normal end race).
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<ProcessOutcome, Error>?

    init(_ continuation: CheckedContinuation<ProcessOutcome, Error>) {
        self.continuation = continuation
    }

    func resume(_ result: Result<ProcessOutcome, Error>) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(with: result)
    }
}

/// A `Process` shared between the waiting thread and the timeout timer.
private final class ProcessHandle: @unchecked Sendable {
    private let process: Process

    init(_ process: Process) {
        self.process = process
    }

    func terminateIfRunning() -> Bool {
        guard process.isRunning else { return false }
        process.terminate()
        return true
    }

    func waitForExit() -> ProcessOutcome.Ending {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }

    func get() -> Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
