// Statement of Applicability and evidence register on a small site whose values follow from the
// catalogue by hand: zone z has SL-T 1 in FR1 only and one met record (SR 1.1), so the FR1
// requirements selected at SL 1 (SR 1.1, 1.3, 1.4, 1.5, 1.6, 1.7, 1.10 .. 1.13) are missing
// except SR 1.1, in z and in the WAN conduit (whose SL-T is the higher of its zones').
#include <algorithm>

#include <gtest/gtest.h>

#include "site_fixture.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/evidence_register.hpp"
#include "zonepath/models/soa.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

struct Soa {
  Site site;
  Report report;
  std::vector<SoaRow> rows;
};

Soa small_site(const std::string& extra = "") {
  Soa s{fixture::make_site(
            R"([{"id": "z", "kind": "control", "sl_t": [1, 0, 0, 0, 0, 0, 0],
                 "requirements": [{"id": "SR 1.1", "status": "met", "evidence": ["EV-1"]}]},
                {"id": "remote", "kind": "vendor", "sl_t": 0}])",
            R"([{"id": "plc", "zone": "z", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}])",
            R"([{"id": "wan", "zones": ["remote", "z"], "kind": "wan"}])",
            R"([{"id": "t", "sophistication": 1, "starts": ["remote"]}])", extra),
        {},
        {}};
  AnalysisOptions opt;
  opt.samples = 20;
  opt.compute_paths = false;
  s.report = analyze_site(s.site, opt);
  s.rows = build_soa(s.site, s.report);
  return s;
}

const SoaRow& row(const Soa& s, std::string_view id) {
  auto it = std::find_if(s.rows.begin(), s.rows.end(), [&](const SoaRow& r) { return r.control->id == id; });
  EXPECT_NE(it, s.rows.end()) << id;
  return *it;
}

using Ids = std::vector<std::string>;

} // namespace

TEST(Soa, OneRowPerAnnexAControlInOrder) {
  const Soa s = small_site();
  ASSERT_EQ(s.rows.size(), 93u);
  EXPECT_EQ(s.rows.front().control->id, "A.5.1");
  EXPECT_EQ(s.rows[36].control->id, "A.5.37");
  EXPECT_EQ(s.rows[37].control->id, "A.6.1");
  EXPECT_EQ(s.rows.back().control->id, "A.8.34");
  const std::string csv = soa_csv(s.rows);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 94);
}

TEST(Soa, StatusFromRecordsAndMissingRequirements) {
  const Soa s = small_site();
  // SR 1.1 met; SR 1.3 and SR 1.4 missing: partial, in the zone and the conduit.
  const SoaRow& a516 = row(s, "A.5.16");
  EXPECT_EQ(a516.status, SoaStatus::Partial);
  EXPECT_EQ(a516.zones, Ids{"z"});
  EXPECT_EQ(a516.conduits, Ids{"wan"});
  EXPECT_EQ(a516.evidence, Ids{"EV-1"});
  EXPECT_EQ(a516.basis, MappingBasis::Crosswalk);
  // SR 1.3 and SR 1.4 only, both missing, nothing counts: not implemented.
  EXPECT_EQ(row(s, "A.5.18").status, SoaStatus::NotImplemented);
  // SR 1.13 missing; the vendor zone is remote access.
  const SoaRow& a67 = row(s, "A.6.7");
  EXPECT_EQ(a67.status, SoaStatus::NotImplemented);
  EXPECT_EQ(a67.zones, (Ids{"z", "remote"}));
  // FR2..FR7 at SL 0 select nothing: A.8.15 (SR 2.8 ..) has no record and nothing missing.
  EXPECT_EQ(row(s, "A.8.15").status, SoaStatus::NotAssessed);
  EXPECT_TRUE(row(s, "A.8.15").applicable);
}

TEST(Soa, ModelEvidenceDecidesOptionalControls) {
  const Soa s = small_site();
  EXPECT_TRUE(row(s, "A.8.21").applicable); // a WAN conduit
  EXPECT_EQ(row(s, "A.8.21").conduits, Ids{"wan"});
  EXPECT_TRUE(row(s, "A.7.9").applicable); // a vendor zone
  EXPECT_EQ(row(s, "A.5.1").decided_by, SoaDecidedBy::Model);
}

TEST(Soa, OrganisationDecisionOverrides) {
  const Soa s = small_site(R"(, "soa": [{"control": "A.5.18", "status": "implemented", "owner": "CISO",
      "evidence": ["IAM-7"]}, {"control": "A.8.21", "applicable": false, "justification": "leased line only"}])");
  const SoaRow& a518 = row(s, "A.5.18");
  EXPECT_EQ(a518.decided_by, SoaDecidedBy::Organisation);
  EXPECT_EQ(a518.status, SoaStatus::Implemented);
  EXPECT_EQ(a518.owners.front(), "CISO");
  EXPECT_EQ(a518.evidence, Ids{"IAM-7"});
  EXPECT_FALSE(row(s, "A.8.21").applicable);
  EXPECT_EQ(row(s, "A.8.21").justification, "leased line only");
  const auto json = soa_to_json(s.site, s.report, s.rows);
  EXPECT_EQ(json["summary"]["excluded"], 1);
  EXPECT_EQ(json["summary"]["applicable"], 92);
}

TEST(EvidenceRegister, OneRowPerRecordWithItsFlag) {
  const Soa s = small_site();
  const auto rows = build_evidence_register(s.site, s.report);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].location, "z");
  EXPECT_EQ(rows[0].requirements, Ids{"SR 1.1"});
  EXPECT_EQ(rows[0].flag, EvidenceFlag::None);
  EXPECT_EQ(rows[0].counts_up_to, 4);
}
