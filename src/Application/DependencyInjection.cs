using FluentValidation;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuickImport.Application.Accounts;
using QuickImport.Application.Common.Behaviors;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Fields;

namespace QuickImport.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(ApiTokenAuthenticationBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(MetadataChangeBehavior<,>),
            ];
        });
        services.AddValidatorsFromAssemblyContaining<ImportProfilesCommandValidator>(ServiceLifetime.Singleton);
        services.Configure<QuickImportSettings>(configuration.GetSection(QuickImportSettings.SectionName));
        services.AddScoped<CurrentAccount>();
        services.AddScoped<RequestClaim>();
        services.AddScoped<AccountViews>();
        services.AddSingleton<FieldValueParser>();
        services.AddSingleton<ProfileImportReader>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
