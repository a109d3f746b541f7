import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// State shared with the signal handlers: plain globals, because a C signal handler cannot
// capture context. Only async-signal-safe work happens in the handlers.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var rawModeActive: Int32 = 0
nonisolated(unsafe) private var interruptRequested: Int32 = 0
nonisolated(unsafe) private var interruptibleDepth: Int32 = 0
nonisolated(unsafe) private var windowChanged: Int32 = 0

private func restoreTerminalFromSignal() {
    if rawModeActive != 0 {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios)
        rawModeActive = 0
    }
    // Show the cursor, reset colours and end bracketed paste, in case we were drawing or at the prompt.
    let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?2004l\n"
    _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
}

private let onTerminate: @convention(c) (Int32) -> Void = { signal in
    restoreTerminalFromSignal()
    _exit(128 + signal)
}

private let onInterrupt: @convention(c) (Int32) -> Void = { signal in
    if interruptibleDepth > 0 {
        interruptRequested = 1
    } else {
        restoreTerminalFromSignal()
        _exit(128 + signal)
    }
}

private let onWindowChange: @convention(c) (Int32) -> Void = { _ in windowChanged = 1 }

/// The terminal the tutor talks to: whether it is interactive, its size, raw mode that is
/// always restored (at exit, on SIGINT/SIGTERM/SIGHUP, on errors), and Ctrl-C as an
/// interruption of long work.
enum Terminal {
    /// Both standard input and output are terminals: line editing, paging, colour.
    static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Standard output is a terminal that accepts colour (and `NO_COLOR` is not set).
    static var supportsColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Columns and rows; from the terminal, else `COLUMNS`/`LINES`, else 80×24.
    static var size: (columns: Int, rows: Int) {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        let environment = ProcessInfo.processInfo.environment
        let columns = environment["COLUMNS"].flatMap(Int.init) ?? 80
        let rows = environment["LINES"].flatMap(Int.init) ?? 24
        return (max(columns, 20), max(rows, 5))
    }

    /// Installs the handlers that restore the terminal on SIGTERM/SIGHUP/SIGINT, and the
    /// SIGWINCH flag. Call once at start.
    static func installSignalHandlers() {
        install(SIGTERM, onTerminate)
        install(SIGHUP, onTerminate)
        install(SIGINT, onInterrupt)
        install(SIGWINCH, onWindowChange)
        // A parent may have started us with these blocked (a blocked mask is inherited across
        // exec); the tutor needs them to restore the terminal and to follow the window size.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGWINCH] { sigaddset(&handled, signal) }
        sigprocmask(SIG_UNBLOCK, &handled, nil)
        atexit { restoreTerminalFromSignalIfRaw() }
    }

    private static func install(_ signal: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: a blocked read() returns EINTR so we can redraw
        sigaction(signal, &action, nil)
    }

    /// Runs `body` with the terminal in raw mode (no echo, no line buffering, no signals from
    /// keys), restoring it afterwards whatever happens.
    static func withRawMode<T>(_ body: () throws -> T) rethrows -> T {
        guard isInteractive, rawModeActive == 0 else { return try body() }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return try body() }
        savedTermios = original
        var raw = original
        raw.c_iflag &= ~tcflag_t(ICRNL | IXON | BRKINT | INPCK | ISTRIP)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        // Keep OPOST so "\n" still moves to the start of the next line.
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        rawModeActive = 1
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios)
            rawModeActive = 0
        }
        return try body()
    }

    /// Runs long work during which Ctrl-C sets `interrupted` instead of ending the program.
    static func interruptible<T>(_ body: () throws -> T) rethrows -> T {
        interruptRequested = 0
        interruptibleDepth += 1
        defer {
            interruptibleDepth -= 1
            interruptRequested = 0   // seen by the work; not carried over to the next prompt
        }
        return try body()
    }

    /// In raw mode Ctrl-C is a byte, not a signal: long work polls for it. Reads what was
    /// typed meanwhile (dropping it) and says whether Ctrl-C was among it.
    static func controlCPressed() -> Bool {
        guard rawModeActive != 0 else { return false }
        while byteReady(milliseconds: 0) {
            guard case .byte(let byte) = readByte() else { return false }
            if byte == 3 { interruptRequested = 1; return true }
        }
        return false
    }

    /// Whether Ctrl-C was pressed during `interruptible` work.
    static var interrupted: Bool { interruptRequested != 0 }

    /// Whether the window changed size since the last call.
    static func takeWindowChange() -> Bool {
        if windowChanged != 0 { windowChanged = 0; return true }
        return false
    }

    /// Reads one byte from standard input; nil at end of input; `.interrupted` on EINTR.
    static func readByte() -> ByteRead {
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 { return .byte(byte) }
        if count < 0, errno == EINTR { return .interrupted }
        return .end
    }

    /// Whether a byte arrives within `milliseconds` (to tell a lone Escape from a sequence).
    static func byteReady(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// Writes text to standard output at once, unbuffered, so prompts and screens never
    /// come out of order.
    static func output(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}

enum ByteRead: Equatable {
    case byte(UInt8), interrupted, end
}

private func restoreTerminalFromSignalIfRaw() {
    if rawModeActive != 0 {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios)
        rawModeActive = 0
    }
}
