// Output files appear whole or not at all. Each one is written to an anonymous or exclusively
// created temporary file of unpredictable name beside its target (never through a symbolic link
// planted there), with the target's mode, synced, then renamed over the target. A set of files
// (a report directory) is staged completely before the first rename, so a full disk or a
// Ctrl-C leaves the previous files, never a mix.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace zonepath {

// Throws StoreError when the file cannot be written, and when the target exists but is not a
// regular file (a device, FIFO, directory or socket); never leaves a partial target behind. A
// target that is a symbolic link is written through: the file it points to is replaced, the
// link stays. An existing target keeps its permission bits (and owner, where allowed).
void write_file_atomic(const std::string& path, std::string_view content);
// The same for output too large to hold in memory: `write` streams it into the temporary file;
// if it throws, the temporary file is removed and the exception passes on.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

// Several files written together: add() stages each one (all I/O errors surface there), commit()
// then renames them all into place. Destroying the set without commit() removes what was staged.
// commit() throws CancelledError, renaming nothing, when the process-wide cancel token is set.
class AtomicFileSet {
public:
  AtomicFileSet();
  ~AtomicFileSet();
  AtomicFileSet(const AtomicFileSet&) = delete;
  AtomicFileSet& operator=(const AtomicFileSet&) = delete;

  void add(const std::string& path, std::string_view content);
  void add(const std::string& path, const std::function<void(std::ostream&)>& write);
  void commit();
  // Target paths in the order they were added.
  const std::vector<std::string>& paths() const { return paths_; }

private:
  struct Staged;
  std::vector<std::unique_ptr<Staged>> staged_;
  std::vector<std::string> paths_;
};

} // namespace zonepath
