using System.Text;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Npgsql;
using NpgsqlTypes;

namespace Commerce.Grains.Catalog;

/// <summary>
/// The catalog index in PostgreSQL (table <c>catalog_products</c>, migration 100): shared by every silo,
/// so any silo's <see cref="CatalogQueryGrain"/> sees every product. Parameterized SQL only.
/// </summary>
/// <param name="dataSource">The database.</param>
/// <param name="ownsDataSource">Whether disposing the index disposes <paramref name="dataSource"/>.</param>
public sealed class PostgresCatalogIndex(NpgsqlDataSource dataSource, bool ownsDataSource = false) : ICatalogIndex, IAsyncDisposable
{
    private const string Columns =
        "sku, name, brand, description, price, currency, category_path, status, image_url, rating_average, rating_count, in_stock, updated_at, listed_at";

    private const string UpsertSql = $"""
        INSERT INTO catalog_products ({Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (sku) DO UPDATE SET
            name = EXCLUDED.name, brand = EXCLUDED.brand, description = EXCLUDED.description,
            price = EXCLUDED.price, currency = EXCLUDED.currency, category_path = EXCLUDED.category_path,
            status = EXCLUDED.status, image_url = EXCLUDED.image_url, rating_average = EXCLUDED.rating_average,
            rating_count = EXCLUDED.rating_count, in_stock = EXCLUDED.in_stock, updated_at = EXCLUDED.updated_at,
            listed_at = EXCLUDED.listed_at
        """;

    public async Task UpsertAsync(CatalogItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Sku });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Name });
        command.Parameters.Add(Text(item.Brand));
        command.Parameters.Add(Text(item.Description));
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = item.Price.Amount });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Price.Currency });
        command.Parameters.Add(Text(item.CategoryPath));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Status.ToString() });
        command.Parameters.Add(Text(item.ImageUrl));
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = item.RatingAverage });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = item.RatingCount });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = item.InStock });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = item.UpdatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)item.ListedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<CatalogPage> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new StringBuilder("status = $1");
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<string> { TypedValue = nameof(ProductStatus.Listed) } };
        if (query.CategoryPath is { } category)
        {
            parameters.Add(new NpgsqlParameter<string> { TypedValue = category });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = EscapeLike(category) + "/%" });
            where.Append($" AND (category_path = ${parameters.Count - 1} OR category_path LIKE ${parameters.Count})");
        }
        if (query.MinPrice is { } min)
        {
            parameters.Add(new NpgsqlParameter<decimal> { TypedValue = min });
            where.Append($" AND price >= ${parameters.Count}");
        }
        if (query.MaxPrice is { } max)
        {
            parameters.Add(new NpgsqlParameter<decimal> { TypedValue = max });
            where.Append($" AND price <= ${parameters.Count}");
        }
        if (query.Text is { } text)
        {
            parameters.Add(new NpgsqlParameter<string> { TypedValue = "%" + EscapeLike(text) + "%" });
            var p = parameters.Count;
            where.Append($" AND (name ILIKE ${p} OR brand ILIKE ${p} OR description ILIKE ${p})");
        }
        var orderBy = query.Sort switch
        {
            CatalogSort.PriceAscending => "price ASC, sku COLLATE \"C\"",
            CatalogSort.PriceDescending => "price DESC, sku COLLATE \"C\"",
            CatalogSort.Rating => "rating_average DESC, rating_count DESC, sku COLLATE \"C\"",
            CatalogSort.Name => "lower(name) COLLATE \"C\", sku COLLATE \"C\"",
            _ => "listed_at DESC NULLS LAST, sku COLLATE \"C\"",
        };
        return PageAsync(where.ToString(), orderBy, parameters, query.Page, query.PageSize, cancellationToken);
    }

    public Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize, CancellationToken cancellationToken = default) =>
        PageAsync("status = $1", "updated_at, sku COLLATE \"C\"", [new NpgsqlParameter<string> { TypedValue = status.ToString() }], page, pageSize, cancellationToken);

    public async Task<IReadOnlyList<string>> SkusInCategoryAsync(string categoryPath, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sku FROM catalog_products WHERE category_path = $1 OR category_path LIKE $2 ORDER BY sku COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = categoryPath });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EscapeLike(categoryPath) + "/%" });
        var skus = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) skus.Add(reader.GetString(0));
        return skus;
    }

    private async Task<CatalogPage> PageAsync(string where, string orderBy, List<NpgsqlParameter> parameters, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Two statements in one round trip: the total, then the page (a window count would vanish on a page past the end).
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM catalog_products WHERE {where}");
        foreach (var parameter in parameters) count.Parameters.Add(parameter.Clone());
        batch.BatchCommands.Add(count);
        var select = new NpgsqlBatchCommand(
            $"SELECT {Columns} FROM catalog_products WHERE {where} ORDER BY {orderBy} LIMIT ${parameters.Count + 1} OFFSET ${parameters.Count + 2}");
        foreach (var parameter in parameters) select.Parameters.Add(parameter.Clone());
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(page - 1) * pageSize });
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<CatalogItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CatalogItem(
                Sku: reader.GetString(0),
                Name: reader.GetString(1),
                Brand: reader.IsDBNull(2) ? null : reader.GetString(2),
                Description: reader.IsDBNull(3) ? null : reader.GetString(3),
                Price: new Money(reader.GetDecimal(4), reader.GetString(5)),
                CategoryPath: reader.IsDBNull(6) ? null : reader.GetString(6),
                Status: Enum.Parse<ProductStatus>(reader.GetString(7)),
                ImageUrl: reader.IsDBNull(8) ? null : reader.GetString(8),
                RatingAverage: reader.GetDouble(9),
                RatingCount: reader.GetInt32(10),
                InStock: reader.GetBoolean(11),
                UpdatedAt: reader.GetFieldValue<DateTimeOffset>(12),
                ListedAt: reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
        }
        return new CatalogPage(items, total, page, pageSize);
    }

    public ValueTask DisposeAsync() => ownsDataSource ? dataSource.DisposeAsync() : ValueTask.CompletedTask;

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
