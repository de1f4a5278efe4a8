using QuickImport.Domain.Matching;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Common.Requests;

/// <summary>
/// The <c>matching</c> parameter as a request sent it, read once at the edge: the mode it names
/// (<c>email</c> when absent), or none, which is the request's fault.
/// </summary>
/// <param name="Sent">The name as sent; null when absent.</param>
public readonly record struct MatchingParameter(string? Sent)
{
    /// <summary>The mode the request matches by; null when <see cref="Sent"/> names none.</summary>
    public MatchingMode? Mode => Sent is null ? MatchingMode.Email : MatchingModes.TryParse(Sent, out var mode) ? mode : null;

    /// <summary>The name the request matches by: as sent (<c>custom</c> stays <c>custom</c>), <c>email</c> when absent.</summary>
    public string Name => Sent ?? MatchingModes.NameOf(MatchingMode.Email);

    /// <summary>Why the request is refused when it names no mode; null when it names one.</summary>
    public RequestFault? Fault => Mode is null
        ? new RequestFault(Names.Matching, $"'matching' must be one of {string.Join(", ", MatchingModes.Names)}, not '{Sent}'")
        : null;
}
