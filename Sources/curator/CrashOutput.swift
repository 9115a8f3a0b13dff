import Foundation

/// What a crash prints. Swift's crash reporter shows 16 bytes of memory at every register and the
/// loaded images by default: bytes that could be part of an API key. Unless the user chose their
/// own `SWIFT_BACKTRACE`, the process restarts itself once (same pid, same arguments) with registers
/// and images left out; the backtrace of every thread stays.
enum CrashOutput {
    static let setting = "enable=yes,registers=none,images=none"

    static func withoutMemoryDumps() {
        guard getenv("SWIFT_BACKTRACE") == nil else { return }
        setenv("SWIFT_BACKTRACE", setting, 1)
        // On failure (no /proc), go on as we are: the runtime already read its settings.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
