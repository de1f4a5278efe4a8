using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Configuration;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Persistence;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>
/// Finds the profile the way imports match (profile email, profile phones, a field's stored value,
/// or the id), within the token's own databases only: anything else is "not found".
/// </summary>
public sealed class GetProfileQueryHandler(
    CurrentAccount currentAccount,
    IProfileDatabaseRepository databases,
    IProfileRepository profiles,
    ISubscriptionRepository subscriptions,
    IUnitOfWork unitOfWork,
    FieldValueParser parser,
    IOptions<QuickImportSettings> settings) : IQueryHandler<GetProfileQuery, ProfileView>
{
    public async ValueTask<ProfileView> Handle(GetProfileQuery query, CancellationToken cancellationToken)
    {
        var database = await databases.FindAsync(currentAccount.Id, query.DatabaseId, cancellationToken)
            ?? throw new NoSuchProfileException($"database {query.DatabaseId} not found");

        var criteria = Criteria(database, query.Lookup!);

        // One transaction: the profile and its subscriptions are read as of one moment.
        return await unitOfWork.InTransactionAsync(
            async ct =>
            {
                var found = await profiles.FindMatchesAsync(database.Id, criteria, ct);
                if (found.Count == 0)
                {
                    throw new NoSuchProfileException("no profile matches");
                }

                var id = ProfileMatcher.Resolve(criteria, found)!.Value;
                var profile = await profiles.FindAsync(database.Id, id, ct)
                    ?? throw new NoSuchProfileException("no profile matches");
                var subscribed = await subscriptions.ListAsync(id, ct);
                return new ProfileView(
                    profile.Id.Value,
                    profile.CreatedAt,
                    profile.UpdatedAt,
                    StoredFields(profile),
                    [.. subscribed.Select(s => new SubscriptionView(s.ResourceId, WireNames.Of(s.Channel), s.Contact, WireNames.Of(s.Status)))]);
            },
            cancellationToken);
    }

    /// <summary>What the lookup finds, its email, phone or value read as an import reads them.</summary>
    private MatchCriteria Criteria(ProfileDatabase database, ProfileLookup lookup)
    {
        var region = settings.Value.DefaultPhoneRegion;
        switch (lookup)
        {
            case ProfileLookup.ById(var id):
                return new MatchCriteria(MatchingMode.ProfileId, ProfileId: id);
            case ProfileLookup.ByEmail(var email):
                return new MatchCriteria(MatchingMode.EmailProfile, Email: FieldValueParser.ParseEmailAddress(Names.Email, email));
            case ProfileLookup.ByPhone(var phone):
                var e164 = parser.Parse(ProfileImportReader.PhoneParameter, [phone], region)!.GetValue<string>();
                return new MatchCriteria(MatchingMode.EmailOrPhone, Phones: [e164]);
            case ProfileLookup.ByField(var name, var text):
                var field = database.FindField(name) is { Type: not FieldType.PhoneList } found
                    ? found
                    : throw new InvalidValueException(Names.FieldName, $"the database has no field '{name}' to look up by");
                var value = parser.Parse(field, [text], region)
                    ?? throw new InvalidValueException(Names.FieldValue, "the value means 'not set'");
                return new MatchCriteria(
                    MatchingMode.Field,
                    Field: new FieldMatch(field.Name, FieldValueParser.ComparisonKey(field, value), field.IsUnique));
            default:
                throw new ArgumentOutOfRangeException(nameof(lookup), lookup, "A query without a lookup is refused by its validator.");
        }
    }

    private static JsonObject StoredFields(Profile profile)
    {
        var fields = new JsonObject
        {
            [SystemFields.Email] = profile.Email,
            [SystemFields.Phones] = new JsonArray([.. profile.Phones.Select(p => (JsonNode)JsonValue.Create(p))]),
        };
        foreach (var (name, value) in profile.Fields)
        {
            fields[name] = value?.DeepClone();
        }

        return fields;
    }
}
