namespace QuickImport.Application.Common.Caching;

/// <summary>Tells this instance, at once, and every other instance, within moments, that metadata changed.</summary>
public interface IMetadataChanges
{
    ValueTask PublishAsync(CancellationToken cancellationToken);
}
