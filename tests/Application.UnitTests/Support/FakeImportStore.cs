using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.UnitTests.Support;

/// <summary>An import store that answers its search from a given snapshot and records what the import asked and wrote.</summary>
internal sealed class FakeImportStore : IProfileImportStore, IImportTransaction
{
    public ImportSnapshot Snapshot { get; set; } = new(new TariffState(null, false), [], [], []);

    /// <summary>How much room under the limit a claim gets.</summary>
    public int Room { get; set; } = int.MaxValue;

    public List<ImportSearch> Searches { get; } = [];

    /// <summary>What the import locked before its first search, when it searched in chunks.</summary>
    public List<ImportSearch> LockedAll { get; } = [];

    public List<int> RoomWanted { get; } = [];

    /// <summary>What each chunk wrote, in turn.</summary>
    public List<(ImportWrites Writes, int UnusedRoom)> Written { get; } = [];

    public int Transactions { get; private set; }

    public async Task<TResult> ImportAsync<TResult>(Func<IImportTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        Transactions++;
        return await work(this, cancellationToken);
    }

    public void LockAll(ImportSearch whole) => LockedAll.Add(whole);

    public Task<ImportSnapshot> SearchAsync(ImportSearch search, CancellationToken cancellationToken)
    {
        Searches.Add(search);
        return Task.FromResult(Snapshot);
    }

    public Task<int> ClaimRoomAsync(int wanted, CancellationToken cancellationToken)
    {
        RoomWanted.Add(wanted);
        return Task.FromResult(Math.Min(wanted, Room));
    }

    public void Write(ImportWrites writes, int unusedRoom) => Written.Add((writes, unusedRoom));
}
