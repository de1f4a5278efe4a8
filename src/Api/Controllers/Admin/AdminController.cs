using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Admin;

namespace QuickImport.Api.Controllers.Admin;

/// <summary>The admin API (docs/api.md §2): JSON under <c>/api/admin</c>, behind the admin key.</summary>
[ApiController]
[Route("api/admin")]
[ServiceFilter<AdminKeyFilter>]
public abstract class AdminController : ControllerBase;
