// Locale-free number text and the escaping helpers. Expected strings are worked out by hand
// from printf's C-locale rules and the formats' specifications.
#include <clocale>
#include <cmath>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "zonepath/core/numbers.hpp"
#include "zonepath/core/text_escape.hpp"

namespace {

using namespace zonepath;

TEST(Numbers, ParseIntegerTakesTheWholeTextOnly) {
  EXPECT_EQ(parse_integer<int>("8080"), 8080);
  EXPECT_EQ(parse_integer<long long>("-42"), -42);
  EXPECT_EQ(parse_integer<std::uint64_t>("ff", 16), 255u);
  EXPECT_FALSE(parse_integer<int>("80x")); // stoi would give 80
  EXPECT_FALSE(parse_integer<int>(" 80")); // and skip the space
  EXPECT_FALSE(parse_integer<int>("+80"));
  EXPECT_FALSE(parse_integer<int>(""));
  EXPECT_FALSE(parse_integer<std::uint32_t>("-1"));
  EXPECT_FALSE(parse_integer<int>("99999999999")); // out of range
  EXPECT_EQ(parse_integer<std::uint64_t>("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_FALSE(parse_integer<std::uint64_t>("18446744073709551616"));
}

TEST(Numbers, ParseDoubleReadsLikeStrtodInTheCLocale) {
  EXPECT_EQ(parse_double("0.25"), 0.25);
  EXPECT_EQ(parse_double("-.5e-3"), -0.0005);
  EXPECT_EQ(parse_double("1."), 1.0);
  EXPECT_EQ(parse_double("15e1"), 150.0);
  EXPECT_FALSE(parse_double("0,25"));
  EXPECT_FALSE(parse_double("1e400")); // overflow: no number
  EXPECT_FALSE(parse_double("1e"));
  EXPECT_FALSE(parse_double(""));
  // Underflow is a (signed) zero, as strtod gives.
  auto tiny = parse_double("1e-400");
  ASSERT_TRUE(tiny);
  EXPECT_EQ(*tiny, 0.0);
  EXPECT_FALSE(std::signbit(*tiny));
  auto negative_tiny = parse_double("-0.0001e-399");
  ASSERT_TRUE(negative_tiny);
  EXPECT_TRUE(std::signbit(*negative_tiny));
  // The largest double and a denormal read exactly.
  EXPECT_EQ(parse_double("1.7976931348623157e308"), std::numeric_limits<double>::max());
  EXPECT_EQ(parse_double("4.9406564584124654e-324"), std::numeric_limits<double>::denorm_min());
}

TEST(Numbers, FormattingIsPrintfInTheCLocale) {
  EXPECT_EQ(format_general(0.5, 3), "0.5");
  EXPECT_EQ(format_general(1234567.0, 3), "1.23e+06");
  EXPECT_EQ(format_general(0.0001234, 2), "0.00012");
  EXPECT_EQ(format_general(100.0, 3), "100");
  EXPECT_EQ(format_fixed(12.345, 1), "12.3");
  EXPECT_EQ(format_fixed(-0.04, 1), "-0.0");
  EXPECT_EQ(format_round_trip(0.1), "0.1");
  EXPECT_EQ(format_round_trip(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_round_trip(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(format_round_trip(std::numeric_limits<double>::infinity()), "inf");
}

TEST(Numbers, FormattingIgnoresACommaDecimalLocale) {
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = previous ? previous : "C";
  if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8"))
    GTEST_SKIP() << "de_DE.UTF-8 not installed (install-deps.sh)";
  const std::string general = format_general(0.5, 3), fixed = format_fixed(2.25, 2);
  const auto parsed = parse_double("0.75");
  std::setlocale(LC_NUMERIC, saved.c_str());
  EXPECT_EQ(general, "0.5");
  EXPECT_EQ(fixed, "2.25");
  EXPECT_EQ(parsed, 0.75);
}

TEST(Escapes, MarkupLanguages) {
  EXPECT_EQ(html_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>\x01\t"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\t");
  EXPECT_EQ(html_escape("\x01"), "\x01");
  EXPECT_EQ(dot_html_label("<b>&\"it's\""), "&lt;b&gt;&amp;&quot;it's&quot;");
}

TEST(Escapes, Markdown) {
  EXPECT_EQ(markdown_escape("a|b `c` *d* _e_ [f] \\ #g"), "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\] \\\\ \\#g");
  EXPECT_EQ(markdown_escape("x\ny\r<z>&"), "x y &lt;z&gt;&amp;");
}

TEST(Escapes, CsvQuotesAndDefusesFormulas) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("=1+1"), "'=1+1");
  EXPECT_EQ(csv_field("-2,3"), "\"'-2,3\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Escapes, DotStrings) {
  EXPECT_EQ(dot_string("a\\N\nb\r"), "a\\\\N\\nb");
}

} // namespace
