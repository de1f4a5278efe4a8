namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// A finished request's outcome as it is kept for its repeats: not the bytes of its answer but what
/// they are rendered from, in the format the repeat asks for (ADR 40). A single profile imported —
/// almost every request — is its status, profile id and whether it was created; anything else
/// carries its details encoded by the caller.
/// </summary>
/// <param name="Status">The outcome's HTTP status: a refusal's, or its one item's; 200 for several items.</param>
/// <param name="ProfileId">The one profile imported, when that is the whole outcome.</param>
/// <param name="Created">Whether that profile was created.</param>
/// <param name="Details">Every other outcome, encoded by whoever renders it.</param>
public sealed record StoredOutcome(int Status, string? ProfileId, bool Created, byte[]? Details);
