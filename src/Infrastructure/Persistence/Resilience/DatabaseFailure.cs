namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>
/// A failure of PostgreSQL or of the way to it, rather than of the request: each one is answered
/// 503, and only the first two are worth running the transaction again for.
/// </summary>
public enum DatabaseFailure
{
    /// <summary>The server rolled the whole transaction back (40001 serialization failure, 40P01 deadlock).</summary>
    ServerRolledBack,

    /// <summary>
    /// No connection could be opened (refused, 57P03 cannot connect now), or it broke (a socket error,
    /// 57P01 terminated by an administrator, 57P02 crash, class 08): whatever the transaction did is gone.
    /// </summary>
    ConnectionFailed,

    /// <summary>
    /// Nothing came back in time: the connect or pool timeout, the command timeout, a
    /// <c>statement_timeout</c> or <c>lock_timeout</c> (57014, 55P03). Retrying would only add load.
    /// </summary>
    TimedOut,

    /// <summary>The server is out of a resource (class 53: connections, memory, disk).</summary>
    OutOfResources,

    /// <summary>The connection failed while COMMIT was on its way: the transaction may have been written.</summary>
    CommitOutcomeUnknown,
}
