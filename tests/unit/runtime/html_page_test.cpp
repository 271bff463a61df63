// The shared HTML pieces: escaping, the page shell, the SVG bar chart.
#include "compiler/report/html_page.h"

#include <gtest/gtest.h>

#include <sstream>

namespace defen {
namespace {

TEST(HtmlPage, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html::escape(R"(a & b < c > d "e" 'f')"), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
  EXPECT_EQ(html::escape("预算编制情况"), "预算编制情况");
}

TEST(HtmlPage, ShellIsSelfContainedUtf8) {
  std::ostringstream out;
  html::beginPage(out, "评分 <结果>");
  html::endPage(out);
  const std::string page = out.str();
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(page.find("<title>评分 &lt;结果&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
}

TEST(HtmlPage, BarLengthsAreExactSharesOfThePlot) {
  html::BarChart chart{"得分率 <一级>", Decimal::one(), {}};
  chart.bars.push_back({"预算编制情况", *Decimal::parse("0.775"), "77.50%", "poor"});
  chart.bars.push_back({"超出", *Decimal::parse("1.5"), "150%", "good"});  // clamped to the full plot
  chart.bars.push_back({"负", *Decimal::parse("-1"), "-", ""});
  const std::string svg = html::barChartSvg(chart);
  EXPECT_NE(svg.find("<figcaption>得分率 &lt;一级&gt;</figcaption>"), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"得分率 &lt;一级&gt;\""), std::string::npos);
  // Labels are 6 CJK characters (78 units) + 12 padding = 90; plot = 720 - 90 - 110 = 520; 0.775 × 520 = 403.
  EXPECT_NE(svg.find("class=\"tone-poor\" x=\"90\" y=\"11\" width=\"403.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"tone-good\" x=\"90\" y=\"39\" width=\"520.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"tone-neutral\" x=\"90\" y=\"67\" width=\"0.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find(">77.50%</text>"), std::string::npos);
  EXPECT_EQ(svg.find("xmlns"), std::string::npos);  // inline SVG needs no namespace URL
}

TEST(HtmlPage, LongLabelsAreShortenedWithTheFullTextInTheTooltip) {
  std::string label = "国库集中支付结转结余存量资金效率性国库集中支付结转结余存量资金效率性";
  html::BarChart chart{"t", Decimal::one(), {{label, Decimal::one(), "100.00%", "good"}}};
  const std::string svg = html::barChartSvg(chart);
  EXPECT_NE(svg.find("<title>" + label + "：100.00%</title>"), std::string::npos);
  EXPECT_NE(svg.find("…</text>"), std::string::npos);
}

TEST(HtmlPage, ToneFollowsTheUsualGradeThresholds) {
  EXPECT_EQ(html::toneForRate(*Decimal::parse("0.9")), "good");
  EXPECT_EQ(html::toneForRate(*Decimal::parse("0.8999")), "fair");
  EXPECT_EQ(html::toneForRate(*Decimal::parse("0.6")), "poor");
  EXPECT_EQ(html::toneForRate(*Decimal::parse("0.59")), "bad");
}

TEST(HtmlPage, EmptyChartIsJustItsCaption) {
  EXPECT_EQ(html::barChartSvg({"空", Decimal::one(), {}}), "<figure class=\"chart\"><figcaption>空</figcaption></figure>");
}

}  // namespace
}  // namespace defen
