namespace Samples.ServiceDefaults.Http;

/// <summary>The <c>page</c> / <c>pageSize</c> query of every list endpoint: 1-based pages, 20 items by default, 100 at most.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Validates the query values (problems go to <paramref name="errors"/>) and returns the page to serve.</summary>
    public static (int Page, int PageSize) Read(int? page, int? pageSize, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page < 1)
        {
            errors.Add("page", "Must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Must be between 1 and {MaxPageSize}.");
        }

        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>Cuts one page out of an already filtered and ordered sequence.</summary>
    public static PagedResult<T> Paginate<T>(IReadOnlyCollection<T> items, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        var total = items.Count;
        var pageItems = items.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new PagedResult<T>(pageItems, page, pageSize, total, (total + pageSize - 1) / pageSize);
    }
}
