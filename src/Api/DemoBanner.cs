using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Api;

/// <summary>What the run command prints once the demo account is ready: its token and a first import.</summary>
internal static class DemoBanner
{
    public static string For(DemoAccount demo, string baseUrl) => $"""

        ==== QuickImport demo account ===============================================
        API token     {demo.Token}
        db_id         {demo.DatabaseId}
        resource_id   {demo.ResourceId}
        trigger_id    {demo.TriggerId}
        workflow_id   {demo.WorkflowId}

        Try an import:
          curl -s -X POST '{baseUrl}/api/integrations/any/profile_import' \
            -d token={demo.Token} -d db_id={demo.DatabaseId} -d resource_id={demo.ResourceId} \
            -d email=ann@example.com -d _fname=Ann
        ==============================================================================

        """;
}
