using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// The demo a newcomer's first run gets (<c>QuickImport:SeedDemo</c>): an account with a database,
/// a resource, a trigger mailing and a scenario, made once when the database has no account. Tokens
/// are stored hashed, so every start issues a fresh demo token (revoking the previous one) to print.
/// </summary>
public static class DemoData
{
    public const string AccountName = "Demo";
    private const string TokenName = "demo";

    public static async Task<DemoAccount> SeedAsync(QuickImportDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Name == AccountName, cancellationToken);
        if (account is null && await db.Accounts.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database holds accounts but no demo account: not seeding demo data into it.");
        }

        if (account is null)
        {
            account = new Account(AccountName, profileLimit: null);
            db.Accounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
            var database = new ProfileDatabase(account.Id, "Demo contacts");
            db.Databases.Add(database);
            await db.SaveChangesAsync(cancellationToken);
            db.Resources.Add(new Resource(database.Id, "Demo newsletter", [Channel.Email, Channel.Sms], doubleOptIn: false));
            db.Automations.Add(new Automation(AutomationKind.Trigger, account.Id, database.Id, "Welcome mailing", active: true));
            db.Automations.Add(new Automation(AutomationKind.Workflow, account.Id, database.Id, "Onboarding scenario", active: true));
        }

        var now = clock.GetUtcNow();
        await foreach (var old in db.ApiTokens.Where(t => t.AccountId == account.Id && t.Name == TokenName && t.RevokedAt == null).AsAsyncEnumerable())
        {
            old.Revoke(now);
        }

        var secret = ApiTokenSecret.Generate();
        db.ApiTokens.Add(new ApiToken(account.Id, TokenName, ApiTokenSecret.Hash(secret), now));
        await db.SaveChangesAsync(cancellationToken);

        var databaseId = await db.Databases.Where(d => d.AccountId == account.Id).Select(d => d.Id).FirstAsync(cancellationToken);
        var resourceId = await db.Resources.Where(r => r.DatabaseId == databaseId).Select(r => r.Id).FirstAsync(cancellationToken);
        var automations = await db.Automations.Where(a => a.AccountId == account.Id).ToListAsync(cancellationToken);
        return new DemoAccount(
            secret,
            databaseId,
            resourceId,
            automations.First(a => a.Kind == AutomationKind.Trigger).Id,
            automations.First(a => a.Kind == AutomationKind.Workflow).Id);
    }
}

/// <summary>What a newcomer needs to send a first import.</summary>
public sealed record DemoAccount(string Token, int DatabaseId, int ResourceId, int TriggerId, int WorkflowId);
