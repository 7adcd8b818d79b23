#include "zonepath/render/soa_workbook.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <locale.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "zonepath/core/error.hpp"

namespace zonepath::render {

namespace {

// 2000-01-01T00:00:00Z: the creation time of a workbook without an assessment date.
constexpr std::time_t kDefaultCreated = 946684800;
// Excel keeps at most 32,767 characters in a cell; longer text is cut at a UTF-8 boundary.
constexpr std::size_t kMaxCellBytes = 32000;

std::string cell_text(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  std::size_t cut = kMaxCellBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// Removes the temporary file whatever happens.
struct TempFile {
  std::string path;
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "zonepath-soa-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw StoreError("cannot create a temporary file for soa.xlsx in " + pattern);
    ::close(fd);
    path = pattern;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

// libxlsxwriter prints column widths with snprintf, which follows LC_NUMERIC: under a
// comma-decimal locale (a Python program may set one) the sheet would differ. The C locale is
// set for this thread only while the workbook is written.
class CNumericLocale {
public:
  CNumericLocale() : c_(newlocale(LC_NUMERIC_MASK, "C", static_cast<locale_t>(nullptr))) {
    if (!c_) throw RenderError("soa.xlsx: cannot create the C locale");
    previous_ = uselocale(c_);
  }
  CNumericLocale(const CNumericLocale&) = delete;
  CNumericLocale& operator=(const CNumericLocale&) = delete;
  ~CNumericLocale() {
    uselocale(previous_);
    freelocale(c_);
  }

private:
  locale_t c_;
  locale_t previous_ = nullptr;
};

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) throw RenderError(std::string("soa.xlsx: ") + what + ": " + lxw_strerror(e));
}

struct Sheet {
  const char* name;
  const std::vector<std::string>& columns;
  std::vector<double> widths; // per column, in characters
  std::vector<std::vector<std::string>> rows;
};

void write_sheet(lxw_workbook* wb, const Sheet& s, lxw_format* header, lxw_format* body) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name);
  if (!ws) throw RenderError(std::string("soa.xlsx: cannot add the sheet ") + s.name);
  const auto cols = static_cast<lxw_col_t>(s.columns.size());
  for (lxw_col_t c = 0; c < cols; ++c) {
    check(worksheet_set_column(ws, c, c, s.widths[c], body), "column width");
    check(worksheet_write_string(ws, 0, c, s.columns[c].c_str(), header), "header");
  }
  for (std::size_t r = 0; r < s.rows.size(); ++r)
    for (lxw_col_t c = 0; c < cols; ++c) {
      const std::string text = cell_text(s.rows[r][c]);
      if (!text.empty()) check(worksheet_write_string(ws, lxw_row_t(r + 1), c, text.c_str(), body), "cell");
    }
  worksheet_freeze_panes(ws, 1, 1); // the header row and the first column stay in view
  check(worksheet_autofilter(ws, 0, 0, lxw_row_t(s.rows.size()), cols - 1), "autofilter");
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw StoreError("cannot read the temporary workbook " + path);
  return bytes.str();
}

} // namespace

std::string soa_workbook(const std::vector<models::SoaRow>& soa,
                         const std::vector<models::EvidenceRow>& evidence,
                         const SoaWorkbookOptions& options) {
  Sheet soa_sheet{"Statement of Applicability",
                  models::soa_columns(),
                  {10, 40, 14, 11, 60, 13, 16, 24, 18, 40, 40, 24, 24, 24, 30, 24, 30},
                  {}};
  for (const auto& r : soa) soa_sheet.rows.push_back(models::soa_cells(r));
  Sheet evidence_sheet{"Evidence register",
                       models::evidence_columns(),
                       {20, 14, 18, 24, 40, 14, 16, 13, 10, 30, 24, 24, 14, 12, 20, 50},
                       {}};
  for (const auto& r : evidence) evidence_sheet.rows.push_back(models::evidence_cells(r));

  TempFile file;
  const CNumericLocale numeric;
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (!wb) throw RenderError("soa.xlsx: libxlsxwriter cannot create a workbook");
  try {
    std::string title = "Statement of Applicability" + (options.title.empty() ? "" : " - " + options.title);
    lxw_doc_properties props{};
    props.title = title.data();
    props.subject = const_cast<char*>("ISO/IEC 27001:2022 Annex A controls and evidence register");
    props.comments = const_cast<char*>(options.generator.c_str());
    props.created = options.as_of ? std::time_t(options.as_of->days) * 86400 : kDefaultCreated;
    check(workbook_set_properties(wb, &props), "document properties");
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xD9E1F2);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* body = workbook_add_format(wb);
    format_set_text_wrap(body);
    format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
    write_sheet(wb, soa_sheet, header, body);
    write_sheet(wb, evidence_sheet, header, body);
  } catch (...) {
    workbook_close(wb);
    throw;
  }
  check(workbook_close(wb), "writing the workbook");
  return read_all(file.path);
}

} // namespace zonepath::render
