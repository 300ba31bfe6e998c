using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Errors;

/// <summary>
/// Refuses oversized bodies before anything reads them: 413 on a declared Content-Length over the
/// limit, and the server's own limit (which fails the read) for chunked bodies.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"Request bodies are limited to {limit} bytes.")
                .ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
