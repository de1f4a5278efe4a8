using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Importing;

/// <summary>A new profile must get every required field of its database.</summary>
public static class RequiredFields
{
    public static void Ensure(ProfileDatabase database, ProfileChanges changes)
    {
        var missing = database.Fields
            .Where(f => f.IsRequired && !changes.Fields.ContainsKey(f.Name))
            .Select(f => f.Name)
            .FirstOrDefault();
        if (missing is not null)
        {
            throw new InvalidValueException(missing, "the field is required for a new profile");
        }
    }
}
