#include "zonepath/core/atomic_file.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include "zonepath/core/error.hpp"

namespace zonepath {

void write_file_atomic(const std::string& path, std::string_view content) {
  write_file_atomic(path, [&](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path tmp = target;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw StoreError("cannot write '" + path + "': cannot create " + tmp.string());
    try {
      write(out);
    } catch (...) {
      out.close();
      std::error_code ignore;
      fs::remove(tmp, ignore);
      throw;
    }
    out.flush();
    if (!out) {
      std::error_code ignore;
      fs::remove(tmp, ignore);
      throw StoreError("cannot write '" + path + "': write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw StoreError("cannot write '" + path + "': " + ec.message());
  }
}

} // namespace zonepath
