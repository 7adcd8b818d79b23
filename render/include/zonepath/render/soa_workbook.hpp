// soa.xlsx: the Statement of Applicability and the evidence register as an Excel workbook
// (libxlsxwriter), for the auditor who filters and annotates in a spreadsheet. Two sheets,
// "Statement of Applicability" and "Evidence register", each with a bold header row, frozen
// panes, an autofilter and column widths; every cell is text (never a formula).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "zonepath/models/evidence_register.hpp"
#include "zonepath/models/soa.hpp"

namespace zonepath::render {

struct SoaWorkbookOptions {
  std::string title;                 // document title (the site's name)
  std::string generator;             // document comment, e.g. "zonepath 1.4.0"
  std::optional<models::Date> as_of; // the document's creation time: the assessment date
};

// The workbook's bytes. The same rows and options give the same bytes: the creation time is the
// assessment date (without one, 2000-01-01), never the clock. Throws RenderError when
// libxlsxwriter fails, StoreError when its temporary file cannot be written or read.
std::string soa_workbook(const std::vector<models::SoaRow>& soa,
                         const std::vector<models::EvidenceRow>& evidence, const SoaWorkbookOptions& options);

} // namespace zonepath::render
