// The floor: the cheapest ASP.NET Core service doing a quick import's work (bench/floor.sh,
// docs/benchmarks.md). Kestrel and a minimal API, the form body, the token looked up in a dictionary,
// and bench/pgbench/import.sql's statements on its tables sent as one Npgsql batch: one round trip,
// one implicit transaction. Answers as the quick import does: "Successfully added <id>".
// Settings: ConnectionStrings__Floor (a database set up by bench/pgbench/schema.sql and seed.sql),
// Floor__Token (the one token it knows, for database 1), ASPNETCORE_URLS.
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Floor"))
{
    MaxAutoPrepare = 8, // prepared, as pgbench -M prepared
    NoResetOnClose = true,
    MaxPoolSize = 16, // as QuickImport's pool on two cores
};
await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
var tokens = new Dictionary<string, int>(StringComparer.Ordinal) { [builder.Configuration["Floor:Token"]!] = 1 };

var app = builder.Build();
app.MapPost("/api/integrations/any/profile_import", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    if (!tokens.TryGetValue(form["token"].ToString(), out var database) || form["db_id"] != database.ToString(null, null))
    {
        return Results.Text("Invalid token", statusCode: 403);
    }

    var email = form["email"].ToString();
    if (email.Length == 0 || !int.TryParse(form["resource_id"], out var resource))
    {
        return Results.Text("Invalid params", statusCode: 400);
    }

    await using var batch = dataSource.CreateBatch();
    batch.BatchCommands.Add(Command(
        """
        SELECT id FROM profiles WHERE database_id = $1 AND lower(email) = lower($2)
        UNION SELECT profile_id FROM subscriptions WHERE database_id = $1 AND channel = 'Email' AND contact_key = lower($2)
        """, database, email));
    batch.BatchCommands.Add(Command(
        """
        WITH profile AS (
            INSERT INTO profiles (id, database_id, email, fields, created_at, updated_at)
            VALUES (substr(md5(lower($2)), 1, 24), $1, $2, jsonb_build_object('_fname', $3::text), now(), now())
            ON CONFLICT (database_id, lower(email)) DO UPDATE SET fields = profiles.fields || EXCLUDED.fields, updated_at = now()
            RETURNING id),
        subscription AS (
            INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
            SELECT $1, id, $4, 'Email', $2, lower($2), 'Subscribed', now(), now() FROM profile
            ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING)
        SELECT id FROM profile
        """, database, email, form["_fname"].ToString(), resource));
    await using var reader = await batch.ExecuteReaderAsync();
    await reader.NextResultAsync();
    await reader.ReadAsync();
    return Results.Text($"Successfully added {reader.GetString(0)}");
});
app.MapGet("/health/live", () => "ok");
await app.RunAsync();

static NpgsqlBatchCommand Command(string sql, params object[] values)
{
    var command = new NpgsqlBatchCommand(sql);
    foreach (var value in values)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    }

    return command;
}
