using System.Text;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace QuickImport.Bench.Floor;

/// <summary>The quick import, behind the minimal API or the controller: the form read, the import run, the answer written.</summary>
public sealed class ImportEndpoint(Pieces pieces, Tokens tokens, NpgsqlDataSource dataSource)
{
    public const string Route = "/api/integrations/any/profile_import";

    public async Task AnswerAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var command = new ImportCommand(
            form["token"].ToString(), Number(form["db_id"]), form["email"].ToString(), form["_fname"].ToString(), Number(form["resource_id"]));
        var answer = await RunAsync(context, command);
        await (pieces.Writer ? WriteAsQuickImport(context, answer) : Results.Text(answer.Text, statusCode: answer.Status).ExecuteAsync(context));
    }

    private static int? Number(string? text) => int.TryParse(text, out var number) ? number : null;

    private async Task<Answer> RunAsync(HttpContext context, ImportCommand command)
    {
        try
        {
            var profileId = pieces.Mediator
                ? await context.RequestServices.GetRequiredService<IMediator>().Send(command, context.RequestAborted)
                : await RunDirectlyAsync(context, command);
            return new Answer(StatusCodes.Status200OK, $"Successfully added {profileId}");
        }
        catch (RefusedException refused)
        {
            return new Answer(refused.Status, refused.Message);
        }
    }

    private async Task<string> RunDirectlyAsync(HttpContext context, ImportCommand command)
    {
        tokens.Authenticate(command);
        if (command.Email.Length == 0 || command.ResourceId is null)
        {
            throw new RefusedException(StatusCodes.Status400BadRequest, "Invalid params");
        }

        if (pieces.Scope)
        {
            return await context.RequestServices.GetRequiredService<ImportStore>().RunAsync(command, context.RequestAborted);
        }

        await using var connection = dataSource.CreateConnection();
        return await ImportSql.RunAsync(connection, command, pieces.TwoRoundTrips, context.RequestAborted);
    }

    // As AltcraftResponseWriter: JSON when the client accepts it (the bench never asks), else text; with its length,
    // since a body of unknown length goes out chunked.
    private static Task WriteAsQuickImport(HttpContext context, Answer answer)
    {
        var json = context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        var body = Encoding.UTF8.GetBytes(json
            ? new JsonObject { ["error"] = answer.Status == StatusCodes.Status200OK ? 0 : answer.Status, ["error_text"] = answer.Text }.ToJsonString()
            : answer.Text);
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private sealed record Answer(int Status, string Text);
}

/// <summary>The mvc piece: the endpoint behind a controller, as QuickImport's ProfileImportController (no action parameters).</summary>
[ApiController]
[Route(ImportEndpoint.Route)]
public sealed class ImportController(ImportEndpoint endpoint) : ControllerBase
{
    [HttpPost]
    public Task Import() => endpoint.AnswerAsync(HttpContext);
}

/// <summary>The one token the floor knows (Floor:Token), for database 1, in a dictionary as QuickImport's cache of tokens.</summary>
public sealed class Tokens(string token)
{
    public const int Database = 1;

    private readonly Dictionary<string, int> databases = new(StringComparer.Ordinal) { [token] = Database };

    /// <exception cref="RefusedException">403: an unknown token, or another database.</exception>
    public void Authenticate(IRequiresToken message)
    {
        if (!databases.TryGetValue(message.Token, out var database) || message.DatabaseId != database)
        {
            throw new RefusedException(StatusCodes.Status403Forbidden, "Invalid token");
        }
    }
}

/// <summary>A request refused with its status and text.</summary>
public sealed class RefusedException(int status, string text) : Exception(text)
{
    public int Status { get; } = status;
}
