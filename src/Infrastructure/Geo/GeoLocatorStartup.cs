using Microsoft.Extensions.Hosting;
using QuickImport.Application.Common.Geo;

namespace QuickImport.Infrastructure.Geo;

/// <summary>
/// Opens the IP-to-city database when the host starts rather than at the first import, so a missing
/// file is reported at start-up and the first request does not pay for mapping it.
/// </summary>
public sealed class GeoLocatorStartup(IGeoLocator locator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = locator.IsAvailable;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
