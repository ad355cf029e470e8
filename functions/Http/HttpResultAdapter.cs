using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Functions.Http;

/// <summary>The shared API returns minimal-API <see cref="IResult"/>s; the Functions ASP.NET Core integration executes <see cref="IActionResult"/>.</summary>
public sealed class HttpResultAdapter(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

public static class HttpResultAdapterExtensions
{
    public static IActionResult ToActionResult(this IResult result) => new HttpResultAdapter(result);

    public static async Task<IActionResult> ToActionResult(this Task<IResult> result) => new HttpResultAdapter(await result.ConfigureAwait(false));
}
