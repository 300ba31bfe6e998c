using System.Text.Json;
using System.Text.RegularExpressions;
using Commerce.GrainInterfaces.Common;
using Orleans;
using Orleans.Runtime;
using Microsoft.AspNetCore.Diagnostics;

namespace Commerce.Api.Errors;

/// <summary>
/// Maps exceptions to ProblemDetails: the domain's typed errors to 400/404/409, malformed requests
/// (bad JSON, wrong types, unknown fields, unparsable parameters, oversized bodies) to their 4xx
/// naming the field, an unreachable cluster to 503. Only a genuine bug is a 500, and it shows no internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            InvalidInputException e => Invalid(e.Field ?? "request", e.Message),
            NotFoundException e => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message),
            ConflictException e => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code ?? "conflict" }),
            BadHttpRequestException e => FromBadRequest(e),
            JsonException e => FromJson(e),
            TimeoutException or SiloUnavailableException => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: "The cluster did not answer in time; retry."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (result is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            result = TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    private static IResult FromBadRequest(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json) return FromJson(json);
        if (e.StatusCode != StatusCodes.Status400BadRequest)
            return TypedResults.Problem(statusCode: e.StatusCode, title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", detail: e.Message);
        var parameter = ParameterPattern().Match(e.Message);
        return Invalid(parameter.Success ? parameter.Groups["name"].Value : "request", e.Message);
    }

    private static IResult FromJson(JsonException e)
    {
        var unknown = UnknownMemberPattern().Match(e.Message);
        var field = unknown.Success ? unknown.Groups["name"].Value : FieldOf(e.Path);
        var message = unknown.Success ? $"'{field}' is not a field of this request." : $"The value of '{field}' is missing, malformed or of the wrong type.";
        return Invalid(field, message);
    }

    /// <summary><c>$.lines[0].quantity</c> → <c>lines[0].quantity</c>; the root is reported as <c>body</c>.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [GeneratedRegex("""parameter "[^" ]+ (?<name>[^" ]+)" """)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownMemberPattern();
}
