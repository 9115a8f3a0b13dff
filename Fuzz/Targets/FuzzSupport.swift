// Shared by every fuzz target (compiled into each): a broken invariant is a crash libFuzzer keeps.
import Foundation

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

/// The fuzzer's bytes as a buffer; the first byte is often a knob (a count, a split point).
func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] { Array(UnsafeBufferPointer(start: data, count: size)) }
