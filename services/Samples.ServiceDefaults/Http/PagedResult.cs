namespace Samples.ServiceDefaults.Http;

/// <summary>One page of a list: the items and where they sit in the whole filtered list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages);
