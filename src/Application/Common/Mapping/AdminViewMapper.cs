using QuickImport.Application.Automations;
using QuickImport.Application.Fields;
using QuickImport.Application.Resources;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Subscriptions;
using Riok.Mapperly.Abstractions;
using AutomationEntity = QuickImport.Domain.Automation.Automation;
using AutomationRunEntity = QuickImport.Domain.Automation.AutomationRun;

namespace QuickImport.Application.Common.Mapping;

/// <summary>Entities to the admin API's views, generated at compile time.</summary>
[Mapper]
public static partial class AdminViewMapper
{
    [MapProperty(nameof(FieldDefinition.IsUnique), nameof(FieldView.Unique))]
    [MapProperty(nameof(FieldDefinition.IsRequired), nameof(FieldView.Required))]
    [MapProperty(nameof(FieldDefinition.IsSystem), nameof(FieldView.System))]
    public static partial FieldView ToView(this FieldDefinition field);

    [MapperIgnoreSource(nameof(Resource.InitialStatus))]
    public static partial ResourceView ToView(this Resource resource);

    [MapperIgnoreSource(nameof(AutomationEntity.Kind))]
    [MapperIgnoreSource(nameof(AutomationEntity.AccountId))]
    public static partial AutomationView ToView(this AutomationEntity automation);

    public static partial AutomationRunView ToView(this AutomationRunEntity run);

    private static string FieldTypeName(FieldType type) => type.Name();

    private static string ChannelName(Channel channel) => WireNames.Of(channel);

    private static string ProfileIdText(Domain.Profiles.ProfileId id) => id.Value;
}
