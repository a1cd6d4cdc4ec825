import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Marks an SQLite file as served: every `convene serve` on the file holds a shared lock on
/// `FILE.lock` for as long as it runs, and `convene restore` takes it exclusively, so a restore
/// refuses while any server has the file open instead of replacing it under them (the kernel
/// releases the lock when a server exits or dies, so a crash leaves nothing to clean up).
public final class ServingLock: Sendable {
    /// The lock file's descriptor, open for the server's lifetime; only `deinit` closes it.
    private let descriptor: Int32

    /// The lock file beside a database file.
    public static func path(for databasePath: String) -> String { databasePath + ".lock" }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Takes the shared lock for a server. Throws when a restore holds the file.
    public static func serve(_ databasePath: String) throws -> ServingLock {
        try take(
            LOCK_SH, on: databasePath,
            refusal: "\(databasePath) is being restored; start the server once the restore has finished")
    }

    /// Takes the exclusive lock for a restore, or throws naming the reason when a server runs.
    public static func restore(_ databasePath: String) throws -> ServingLock {
        try take(LOCK_EX, on: databasePath, refusal: "a Convene server has \(databasePath) open; stop it before restoring")
    }

    /// Takes the lock without waiting, or throws `refusal`.
    private static func take(_ mode: Int32, on databasePath: String, refusal: String) throws -> ServingLock {
        let descriptor = try open(databasePath)
        guard flock(descriptor, mode | LOCK_NB) == 0 else {
            close(descriptor)
            throw Refusal(refusal)
        }
        return ServingLock(descriptor: descriptor)
    }

    private static func open(_ databasePath: String) throws -> Int32 {
        let descriptor = Glibc.open(path(for: databasePath), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Refusal("cannot open \(path(for: databasePath)) to check whether a server uses the database (error \(errno))")
        }
        return descriptor
    }

    /// Why the lock could not be taken, in one line.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Which file a path names (device and inode), to notice a database file replaced under a server.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file at `path` now, or nil when there is none.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
