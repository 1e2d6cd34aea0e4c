//! Hidden tests: the agent's `ledger` binary against SPEC.md, case by case.

mod support;

use support::{journal, journal_error, ok, run_raw, usage_error};

// ---------------------------------------------------------------- amounts (SPEC 2.5)

const BAKERY: &str = "\
2024-03-02 Bakery
    expenses:food           4.20 EUR
    expenses:food          -0.70 EUR   ; bottle deposit back
    assets:cash            -3.50 EUR
";

#[test]
fn negative_fraction_below_one_balances() {
    assert_eq!(ok(BAKERY, &["check"]), "ok: 1 transactions, 3 postings, 2 accounts\n");
}

#[test]
fn negative_fraction_below_one_in_register() {
    assert_eq!(
        ok(BAKERY, &["register", "food"]),
        "2024-03-02\tBakery\texpenses:food\t4.20 EUR\t4.20 EUR\n\
         2024-03-02\tBakery\texpenses:food\t-0.70 EUR\t3.50 EUR\n"
    );
}

#[test]
fn negative_fraction_inferred_posting() {
    let j = "2024-01-01 x\n    a    -0.05 EUR\n    b\n";
    assert_eq!(
        ok(j, &["register"]),
        "2024-01-01\tx\ta\t-0.05 EUR\t-0.05 EUR\n2024-01-01\tx\tb\t0.05 EUR\t0\n"
    );
}

#[test]
fn negative_fraction_prefix_symbol_and_plus_sign() {
    let j = "2024-01-01 x\n    a    $-0.25\n    b    $ +0.25\n    c    -0.5\n    d    +0.5\n";
    assert_eq!(
        ok(j, &["register"]),
        "2024-01-01\tx\ta\t-0.25 $\t-0.25 $\n\
         2024-01-01\tx\tb\t0.25 $\t0\n\
         2024-01-01\tx\tc\t-0.5\t-0.5\n\
         2024-01-01\tx\td\t0.5\t0\n"
    );
}

#[test]
fn negative_whole_and_fraction() {
    let j = "2024-01-01 x\n    a    -12.75 EUR\n    b    12.75 EUR\n";
    assert_eq!(ok(j, &["balance", "--flat"]), "-12.75 EUR  a\n 12.75 EUR  b\n----------\n         0\n");
}

#[test]
fn amount_forms() {
    let j = "\
2024-01-01 forms
    a    EUR 17
    a    17.5EUR
";
    // `17.5EUR` has no space before a suffix symbol: invalid.
    assert_eq!(journal_error(j, &["check"]), (3, "invalid amount \"17.5EUR\"".to_string()));
    let j = "2024-01-01 forms\n    a    EUR 17\n    b    -17 EUR\n    c    £3\n    d    -3 £\n";
    assert_eq!(ok(j, &["check"]), "ok: 1 transactions, 4 postings, 4 accounts\n");
    assert_eq!(
        ok(j, &["register", "c", "d"]),
        "2024-01-01\tforms\tc\t3 £\t3 £\n2024-01-01\tforms\td\t-3 £\t0\n"
    );
}

#[test]
fn grouping_commas_valid() {
    let j = "2024-01-01 big\n    a    1,234,567.89 EUR\n    b    -1234567.89 EUR\n    c    1,000 X\n    d    -1,000 X\n    e    123,456 Y\n    f    -123456 Y\n";
    assert_eq!(
        ok(j, &["register"]),
        "2024-01-01\tbig\ta\t1234567.89 EUR\t1234567.89 EUR\n\
         2024-01-01\tbig\tb\t-1234567.89 EUR\t0\n\
         2024-01-01\tbig\tc\t1000 X\t1000 X\n\
         2024-01-01\tbig\td\t-1000 X\t0\n\
         2024-01-01\tbig\te\t123456 Y\t123456 Y\n\
         2024-01-01\tbig\tf\t-123456 Y\t0\n"
    );
}

#[test]
fn grouping_short_group_is_invalid() {
    let j = "2024-01-01 x\n    a    12,34 EUR\n    b\n";
    assert_eq!(journal_error(j, &["check"]), (2, "invalid amount \"12,34 EUR\"".to_string()));
}

#[test]
fn grouping_other_invalid_forms() {
    for bad in ["1,2345", "1234,567", ",123", "1,,234", "1,234,", "12,3456.00", "1,23.5"] {
        let j = format!("2024-01-01 x\n    b\n    a    {} EUR\n", bad);
        assert_eq!(
            journal_error(&j, &["check"]),
            (3, format!("invalid amount \"{} EUR\"", bad)),
            "{}",
            bad
        );
    }
}

#[test]
fn fraction_digit_limits() {
    let j = "2024-01-01 x\n    a    0.12345678 BTC\n    b\n";
    assert_eq!(ok(j, &["register", "b"]), "2024-01-01\tx\tb\t-0.12345678 BTC\t-0.12345678 BTC\n");
    for bad in ["0.123456789", "5.", ".5", "-", "1.2.3", "1e3", "--1", "5 EUR EUR", "5  EUR", "5 EU1"] {
        let j = format!("2024-01-01 x\n    a    {}\n    b\n", bad);
        assert_eq!(journal_error(&j, &["check"]), (2, format!("invalid amount \"{}\"", bad)), "{}", bad);
    }
}

#[test]
fn huge_amounts() {
    let j = "2024-01-01 x\n    a    1,000,000,000,000,000,000,000.00000001 EUR\n    b\n";
    assert_eq!(
        ok(j, &["register", "b"]),
        "2024-01-01\tx\tb\t-1000000000000000000000.00000001 EUR\t-1000000000000000000000.00000001 EUR\n"
    );
    let j = "2024-01-01 tiny\n    a    0.00000001 BTC\n    a    0.00000001 BTC\n    b    -0.00000001 BTC\n    c\n";
    assert_eq!(ok(j, &["balance", "--flat"]), "0.00000002 BTC  a\n-0.00000001 BTC  b\n-0.00000001 BTC  c\n---------------\n              0\n".replace("0.00000002 BTC  a", " 0.00000002 BTC  a"));
    for bad in ["100000000000000000000000000000000000000", "10000000000000000000000000000000"] {
        let j = format!("2024-01-01 x\n    a    {} EUR\n    b\n", bad);
        assert_eq!(journal_error(&j, &["check"]), (2, format!("invalid amount \"{} EUR\"", bad)), "{}", bad);
    }
}

// ---------------------------------------------------------------- precision (SPEC 4)

#[test]
fn precision_is_the_maximum_in_the_journal() {
    let j = "\
2024-01-01 one
    a    10.5 EUR
    b

2024-01-02 two
    a    3.125 EUR
    b
";
    assert_eq!(
        ok(j, &["register", "a"]),
        "2024-01-01\tone\ta\t10.500 EUR\t10.500 EUR\n2024-01-02\ttwo\ta\t3.125 EUR\t13.625 EUR\n"
    );
}

#[test]
fn precision_per_commodity() {
    let j = "\
2024-01-01 x
    a    7 USD
    a    2.5 EUR
    a    1.25 EUR
    a    3.0 USD
    a    4
    a    4.00001
    b
";
    assert_eq!(
        ok(j, &["balance", "--flat"]),
        "  8.00001\n 3.75 EUR\n 10.0 USD  a\n -8.00001\n-3.75 EUR\n-10.0 USD  b\n---------\n        0\n"
    );
}

#[test]
fn residual_uses_display_precision() {
    let j = "\
2024-01-01 x
    a    1.5 EUR
    a    -1 EUR
    a    2 USD

2024-01-02 y
    a    0.001 EUR
    b    -0.001 EUR
";
    assert_eq!(
        journal_error(j, &["check"]),
        (1, "transaction does not balance: off by 0.500 EUR, 2 USD".to_string())
    );
}

// ---------------------------------------------------------------- inference (SPEC 3.2)

const HOTEL: &str = "\
2024-04-10 Hotel Zurich
    expenses:travel:hotel     80.00 EUR
    expenses:travel:taxes     25 CHF
    assets:wallet
";

#[test]
fn two_commodities_inferred_check() {
    assert_eq!(ok(HOTEL, &["check"]), "ok: 1 transactions, 4 postings, 3 accounts\n");
}

#[test]
fn two_commodities_inferred_register() {
    assert_eq!(
        ok(HOTEL, &["register", "wallet"]),
        "2024-04-10\tHotel Zurich\tassets:wallet\t-25 CHF\t-25 CHF\n\
         2024-04-10\tHotel Zurich\tassets:wallet\t-80.00 EUR\t-25 CHF, -80.00 EUR\n"
    );
}

#[test]
fn two_commodities_inferred_balance() {
    assert_eq!(
        ok(HOTEL, &["balance"]),
        concat!(
            "   -25 CHF\n",
            "-80.00 EUR  assets\n",
            "   -25 CHF\n",
            "-80.00 EUR    wallet\n",
            "    25 CHF\n",
            " 80.00 EUR  expenses\n",
            "    25 CHF\n",
            " 80.00 EUR    travel\n",
            " 80.00 EUR      hotel\n",
            "    25 CHF      taxes\n",
            "----------\n",
            "         0\n",
        )
    );
}

#[test]
fn two_commodities_inferred_print() {
    assert_eq!(
        ok(HOTEL, &["print"]),
        "2024-04-10 Hotel Zurich\n\
         \x20   expenses:travel:hotel  80.00 EUR\n\
         \x20   expenses:travel:taxes  25 CHF\n\
         \x20   assets:wallet          -25 CHF\n\
         \x20   assets:wallet          -80.00 EUR\n"
    );
}

#[test]
fn inferred_in_the_middle_with_three_commodities() {
    let j = "2024-01-01 mix\n    a    1 X\n    c\n    a    $2\n    a    3\n    b    -1 X\n";
    assert_eq!(
        ok(j, &["print"]),
        "2024-01-01 mix\n    a  1 X\n    c  -3\n    c  -2 $\n    a  2 $\n    a  3\n    b  -1 X\n"
    );
}

#[test]
fn inferred_zero_when_already_balanced() {
    let j = "2024-01-01 z\n    a    5 EUR\n    b    -5 EUR\n    c\n";
    assert_eq!(
        ok(j, &["register"]),
        "2024-01-01\tz\ta\t5 EUR\t5 EUR\n2024-01-01\tz\tb\t-5 EUR\t0\n2024-01-01\tz\tc\t0\t0\n"
    );
    assert_eq!(ok(j, &["check"]), "ok: 1 transactions, 3 postings, 3 accounts\n");
    assert_eq!(ok(j, &["accounts"]), "a\nb\nc\n");
    assert_eq!(ok(j, &["balance"]), " 5 EUR  a\n-5 EUR  b\n------\n     0\n");
}

#[test]
fn two_amountless_postings() {
    let j = "2024-01-01 x\n    a    5 EUR\n    b\n    ; note\n    c\n    d\n";
    assert_eq!(journal_error(j, &["check"]), (5, "more than one posting without an amount".to_string()));
}

#[test]
fn fewer_than_two_postings() {
    let j = "2024-01-01 ok\n    a  1\n    b  -1\n\n2024-01-02 lonely\n    a\n";
    assert_eq!(journal_error(j, &["check"]), (5, "transaction has fewer than two postings".to_string()));
    let j = "2024-01-01 ok\n    a  1\n    b  -1\n2024-01-02 empty\n2024-01-03 next\n    a  1\n    b  -1\n";
    assert_eq!(journal_error(j, &["balance"]), (4, "transaction has fewer than two postings".to_string()));
}

#[test]
fn unbalanced_transaction_message() {
    let j = "\n2024-01-01 ok\n    a  1 EUR\n    b  -1 EUR\n\n2024-01-02 bad\n    a  1.25 EUR\n    b  -1 EUR\n";
    assert_eq!(
        journal_error(j, &["register"]),
        (6, "transaction does not balance: off by 0.25 EUR".to_string())
    );
}

// ---------------------------------------------------------------- dates (SPEC 1, 2.2)

const DATED: &str = "\
2024-01-31 jan
    a    1 EUR
    b

2024/02/01 feb
    a    10 EUR
    b

2024-02-29 leap
    a    100 EUR
    b

2024-03-01 mar
    a    1000 EUR
    b
";

#[test]
fn end_date_is_exclusive() {
    assert_eq!(
        ok(DATED, &["register", "a", "--end", "2024-02-29"]),
        "2024-01-31\tjan\ta\t1 EUR\t1 EUR\n2024-02-01\tfeb\ta\t10 EUR\t11 EUR\n"
    );
}

#[test]
fn begin_date_is_inclusive() {
    assert_eq!(
        ok(DATED, &["register", "--begin", "2024/02/29", "a"]),
        "2024-02-29\tleap\ta\t100 EUR\t100 EUR\n2024-03-01\tmar\ta\t1000 EUR\t1100 EUR\n"
    );
}

#[test]
fn begin_and_end_in_balance() {
    assert_eq!(
        ok(DATED, &["balance", "-b", "2024-02-01", "-e", "2024-03-01"]),
        " 110 EUR  a\n-110 EUR  b\n--------\n       0\n"
    );
    assert_eq!(ok(DATED, &["balance", "--end", "2024-01-31"]), "-\n0\n");
}

#[test]
fn end_date_in_print() {
    assert_eq!(
        ok(DATED, &["print", "--end", "2024-02-01", "--begin", "2024-01-01"]),
        "2024-01-31 jan\n    a  1 EUR\n    b  -1 EUR\n"
    );
}

#[test]
fn calendar_dates() {
    for good in ["2000-02-29", "2024/12/31", "0001-01-01", "1996-02-29"] {
        let j = format!("{} x\n    a  1\n    b\n", good);
        assert_eq!(ok(&j, &["check"]), "ok: 1 transactions, 2 postings, 2 accounts\n", "{}", good);
    }
    for bad in ["1900-02-29", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-05", "2024-01/05", "24-01-05", "2024-01-5x"] {
        let j = format!("2024-01-01 ok\n    a  1\n    b\n{} x\n    a  1\n    b\n", bad);
        assert_eq!(journal_error(&j, &["check"]), (4, format!("invalid date \"{}\"", bad)), "{}", bad);
    }
}

#[test]
fn invalid_option_dates_are_usage_errors() {
    usage_error(DATED, &["register", "--end", "2024-02-30"]);
    usage_error(DATED, &["balance", "--begin", "yesterday"]);
    usage_error(DATED, &["register", "--end"]);
}

#[test]
fn same_date_keeps_file_order() {
    let j = "\
2024-01-02 second
    a  2
    b

2024-01-01 first-a
    a  1
    b

2024-01-02 third
    a  3
    b

2024-01-01 first-b
    a  4
    b
";
    assert_eq!(
        ok(j, &["register", "a"]),
        "2024-01-01\tfirst-a\ta\t1\t1\n2024-01-01\tfirst-b\ta\t4\t5\n2024-01-02\tsecond\ta\t2\t7\n2024-01-02\tthird\ta\t3\t10\n"
    );
}

// ---------------------------------------------------------------- balance tree (SPEC 5.1)

const LUNCH: &str = "\
2024-05-01 Lunch
    expenses:food:restaurant   15.00 EUR
    expenses:food:groceries    25.00 EUR
    expenses:transport          2.50 EUR
    assets:cash
";

#[test]
fn tree_totals_include_all_levels() {
    assert_eq!(
        ok(LUNCH, &["balance"]),
        "-42.50 EUR  assets\n-42.50 EUR    cash\n 42.50 EUR  expenses\n 40.00 EUR    food\n 25.00 EUR      groceries\n 15.00 EUR      restaurant\n  2.50 EUR    transport\n----------\n         0\n"
    );
}

#[test]
fn tree_four_levels_and_own_postings() {
    let j = "\
2024-01-01 x
    a:b:c:d    1
    a:b:c      10
    a:b        100
    a          1000
    a:b:e:f    10000
    z
";
    assert_eq!(
        ok(j, &["balance"]),
        " 11111  a\n 10111    b\n    11      c\n     1        d\n 10000      e\n 10000        f\n-11111  z\n------\n     0\n"
    );
}

#[test]
fn tree_order_is_by_component() {
    let j = "\
2024-01-01 x
    assets-old    1
    assets:cash   2
    assets b      4
    assets:bank   8
    assets        16
    assets:bank:x  32
    b             -63
";
    assert_eq!(
        ok(j, &["balance"]),
        " 58  assets\n 40    bank\n 32      x\n  2    cash\n  4  assets b\n  1  assets-old\n-63  b\n---\n  0\n"
    );
    assert_eq!(
        ok(j, &["balance", "--flat"]),
        " 16  assets\n  8  assets:bank\n 32  assets:bank:x\n  2  assets:cash\n  4  assets b\n  1  assets-old\n-63  b\n---\n  0\n"
    );
    assert_eq!(
        ok(j, &["accounts"]),
        "assets\nassets:bank\nassets:bank:x\nassets:cash\nassets b\nassets-old\nb\n"
    );
}

#[test]
fn tree_shows_zero_ancestors() {
    let j = "2024-01-01 x\n    a:b:c    5 EUR\n    a:d      -5 EUR\n";
    assert_eq!(ok(j, &["balance"]), "     0  a\n 5 EUR    b\n 5 EUR      c\n-5 EUR    d\n------\n     0\n");
    assert_eq!(ok(j, &["balance", "--depth", "1"]), "-\n0\n");
}

#[test]
fn depth_limits_tree() {
    let j = "\
2024-01-01 x
    e:food:groceries:veg    3.00 EUR
    e:food:groceries        2.00 EUR
    e:food:out              1.50 EUR
    e:rent                 10 EUR
    e:food:groceries:fruit  0.25 EUR
    bank
";
    assert_eq!(
        ok(j, &["balance", "--depth", "2"]),
        "-16.75 EUR  bank\n 16.75 EUR  e\n  6.75 EUR    food\n 10.00 EUR    rent\n----------\n         0\n"
    );
    assert_eq!(ok(j, &["balance", "--depth", "1", "food"]), "6.75 EUR  e\n--------\n6.75 EUR\n");
    assert_eq!(
        ok(j, &["balance", "--depth", "3"]),
        "-16.75 EUR  bank\n 16.75 EUR  e\n  6.75 EUR    food\n  5.25 EUR      groceries\n  1.50 EUR      out\n 10.00 EUR    rent\n----------\n         0\n"
    );
}

#[test]
fn flat_depth_merges_into_ancestor() {
    let j = "\
2024-01-01 x
    e:food:groceries:veg    3.00 EUR
    e:food:groceries        2.00 EUR
    e:food                  1.50 EUR
    e                      10 EUR
    bank
";
    assert_eq!(
        ok(j, &["balance", "--flat"]),
        "-16.50 EUR  bank\n 10.00 EUR  e\n  1.50 EUR  e:food\n  2.00 EUR  e:food:groceries\n  3.00 EUR  e:food:groceries:veg\n----------\n         0\n"
    );
    assert_eq!(
        ok(j, &["balance", "--flat", "--depth", "2"]),
        "-16.50 EUR  bank\n 10.00 EUR  e\n  6.50 EUR  e:food\n----------\n         0\n"
    );
}

#[test]
fn flat_omits_zero_accounts() {
    let j = "2024-01-01 x\n    a  5\n    b  -5\n\n2024-01-02 y\n    a  -5\n    c  5\n";
    assert_eq!(ok(j, &["balance", "--flat"]), "-5  b\n 5  c\n--\n 0\n");
    assert_eq!(ok(j, &["balance"]), "-5  b\n 5  c\n--\n 0\n");
}

#[test]
fn balance_with_patterns_total() {
    let j = "\
2024-01-01 x
    Expenses:Food    3.10 EUR
    expenses:fun     2 USD
    Assets:Cash     -3.10 EUR
    assets:cash     -2 USD
";
    assert_eq!(
        ok(j, &["balance", "FOOD", "fun"]),
        "3.10 EUR  Expenses\n3.10 EUR    Food\n   2 USD  expenses\n   2 USD    fun\n--------\n3.10 EUR\n   2 USD\n"
    );
    assert_eq!(ok(j, &["balance", "nothing"]), "-\n0\n");
}

#[test]
fn balance_width_counts_characters() {
    let j = "2024-01-01 x\n    a    €5\n    b    -5 €\n";
    assert_eq!(ok(j, &["balance"]), " 5 €  a\n-5 €  b\n----\n   0\n");
}

// ---------------------------------------------------------------- print, accounts, check

#[test]
fn print_canonical_form() {
    let j = "\
; header comment
2024/02/01 * Paid  ; memo
    liabilities:card    1,200 EUR ; c
    assets:bank:checking
2024-01-15 ! Pending thing
    x    1.5 EUR
    yy

2024-01-20
    p    2 EUR
    q    -2 EUR
";
    assert_eq!(
        ok(j, &["print"]),
        "2024-01-15 ! Pending thing\n    x   1.5 EUR\n    yy  -1.5 EUR\n\n\
         2024-01-20\n    p  2.0 EUR\n    q  -2.0 EUR\n\n\
         2024-02-01 * Paid\n    liabilities:card      1200.0 EUR\n    assets:bank:checking  -1200.0 EUR\n"
    );
    assert_eq!(ok(j, &["print", "YY"]), "2024-01-15 ! Pending thing\n    x   1.5 EUR\n    yy  -1.5 EUR\n");
}

#[test]
fn accounts_lists_declared_and_used() {
    let j = "\
account assets:bank  ; main
account income

2024-01-01 x
    expenses:food    1
    assets:bank
";
    assert_eq!(ok(j, &["accounts"]), "assets:bank\nexpenses:food\nincome\n");
    assert_eq!(ok(j, &["accounts", "IN", "food"]), "expenses:food\nincome\n");
    assert_eq!(ok(j, &["check"]), "ok: 1 transactions, 2 postings, 2 accounts\n");
}

#[test]
fn strict_mode() {
    let j = "account a\naccount b:c\n\n2024-01-01 x\n    a    1\n    b:c\n\n2024-01-02 y\n    a    1\n    b    -1\n";
    assert_eq!(journal_error(j, &["--strict", "check"]), (10, "undeclared account \"b\"".to_string()));
    assert_eq!(ok(j, &["check"]), "ok: 2 transactions, 4 postings, 3 accounts\n");
    // Posting count is checked before declarations; declarations before balance.
    let j = "account a\n2024-01-01 x\n    q\n";
    assert_eq!(journal_error(j, &["--strict", "check"]), (2, "transaction has fewer than two postings".to_string()));
    let j = "account a\n2024-01-01 x\n    a  1\n    q  1\n";
    assert_eq!(journal_error(j, &["--strict", "check"]), (4, "undeclared account \"q\"".to_string()));
}

// ---------------------------------------------------------------- syntax errors and phases

#[test]
fn syntax_errors_before_transaction_errors() {
    let j = "2024-01-01 bad\n    a  1\n    b  2\n\n2024-01-02 x\n    a  1,0\n    b\n";
    assert_eq!(journal_error(j, &["check"]), (6, "invalid amount \"1,0\"".to_string()));
}

#[test]
fn line_kinds() {
    assert_eq!(journal_error("    a  1\n", &["check"]), (1, "unexpected indented line".to_string()));
    let j = "2024-01-01 x\n    a  1\n    b\n\n    c  1\n";
    assert_eq!(journal_error(j, &["check"]), (5, "unexpected indented line".to_string()));
    let j = "2024-01-01 x\n    a  1\n    b\n# c\n    c  1\n";
    assert_eq!(journal_error(j, &["check"]), (5, "unexpected indented line".to_string()));
    let j = "2024-01-01 x\n    a  1\n    b\nP 2024 EUR\n";
    assert_eq!(journal_error(j, &["check"]), (4, "unrecognised line".to_string()));
    let j = "; c\n# c\n  ; indented comment\n2024-01-01 x\n\t; c\n\ta\t1\r\n    b\r\n";
    assert_eq!(ok(j, &["register"]), "2024-01-01\tx\ta\t1\t1\n2024-01-01\tx\tb\t-1\t0\n");
}

#[test]
fn invalid_account_names() {
    for bad in ["a::b", ":a", "a:", "a: b", "a :b"] {
        let j = format!("2024-01-01 x\n    {}    1\n    c\n", bad);
        assert_eq!(journal_error(&j, &["check"]), (2, format!("invalid account name \"{}\"", bad)), "{}", bad);
    }
    let j = "account a::b\n";
    assert_eq!(journal_error(j, &["check"]), (1, "invalid account name \"a::b\"".to_string()));
}

#[test]
fn usage_errors() {
    let j = "2024-01-01 x\n    a  1\n    b\n";
    usage_error(j, &["frobnicate"]);
    usage_error(j, &["balance", "--depth", "0"]);
    usage_error(j, &["balance", "--depth", "x"]);
    usage_error(j, &["register", "--flat"]);
    usage_error(j, &["check", "a"]);
    usage_error(j, &["balance", "--bogus"]);
    let o = run_raw(&["balance"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.starts_with("ledger: usage: "));
    let o = run_raw(&["-f", "/tmp/ledger-judge-does-not-exist.journal", "check"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout, "");
    assert!(o.stderr.starts_with("ledger: cannot read /tmp/ledger-judge-does-not-exist.journal: "), "{:?}", o.stderr);
    let f = journal(j);
    let o = run_raw(&["--file", &f, "--strict", "bal"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, ""), "{:?}", o.stderr);
    assert_eq!(o.stderr, format!("ledger: {}:2: undeclared account \"a\"\n", f));
    let o = run_raw(&["--file", &f, "reg", "B"]);
    assert_eq!(o.stdout, "2024-01-01\tx\tb\t-1\t-1\n");
}
