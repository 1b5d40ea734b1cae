using Samples.ServiceDefaults.Data;

namespace Finance.Api.Statements;

/// <summary>
/// The statements the service starts with: figures rounded from the companies' annual reports, in millions here and stored in
/// units. Illustrative sample data, not a source of record.
/// </summary>
internal static class StatementStore
{
    public static InMemoryStore<FinancialStatement> Create() => new(statement => statement.Id,
    [
        Statement("AAPL", 2023, "USD", 383_285, 169_148, 114_301, 96_995, 6.13m, 352_583, 290_437, 110_543),
        Statement("AAPL", 2024, "USD", 391_035, 180_683, 123_216, 93_736, 6.08m, 364_980, 308_030, 118_254),
        Statement("AMZN", 2023, "USD", 574_785, 270_046, 36_852, 30_425, 2.90m, 527_854, 325_979, 84_946),
        Statement("AMZN", 2024, "USD", 637_959, 311_671, 68_593, 59_248, 5.53m, 624_894, 338_924, 115_877),
        Statement("GOOGL", 2023, "USD", 307_394, 174_062, 84_293, 73_795, 5.80m, 402_392, 119_013, 101_746),
        Statement("GOOGL", 2024, "USD", 350_018, 203_712, 112_390, 100_118, 8.04m, 450_256, 125_172, 125_299),
        Statement("META", 2023, "USD", 134_902, 108_943, 46_751, 39_098, 14.87m, 229_623, 76_455, 71_113),
        Statement("META", 2024, "USD", 164_501, 134_340, 69_380, 62_360, 23.86m, 276_054, 93_417, 91_328),
        Statement("MSFT", 2023, "USD", 211_915, 146_052, 88_523, 72_361, 9.68m, 411_976, 205_753, 87_582),
        Statement("MSFT", 2024, "USD", 245_122, 171_008, 109_433, 88_136, 11.80m, 512_163, 243_686, 118_548),
        Statement("NVDA", 2024, "USD", 60_922, 44_301, 32_972, 29_760, 1.19m, 65_728, 22_750, 28_090),
        Statement("NVDA", 2025, "USD", 130_497, 97_858, 81_453, 72_880, 2.94m, 111_601, 32_274, 64_089),
        Statement("SAP", 2023, "EUR", 31_207, 22_671, 5_943, 6_139, 5.08m, 68_180, 25_391, 5_680),
        Statement("SAP", 2024, "EUR", 34_176, 24_769, 4_665, 3_150, 2.68m, 74_093, 29_573, 5_201),
    ]);

    private static FinancialStatement Statement(
        string symbol, int year, string currency, decimal revenue, decimal grossProfit, decimal operatingIncome, decimal netIncome, decimal eps,
        decimal totalAssets, decimal totalLiabilities, decimal operatingCashFlow)
    {
        const decimal Million = 1_000_000m;
        return new FinancialStatement(
            StatementRules.Id(symbol, year), symbol, year, currency, revenue * Million, grossProfit * Million, operatingIncome * Million,
            netIncome * Million, eps, totalAssets * Million, totalLiabilities * Million, operatingCashFlow * Million);
    }
}
