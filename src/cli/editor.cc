#include "cli/editor.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "base/file_util.h"

namespace kops::cli {
namespace {

std::string Editor() {
  for (const char* var : {"KUBE_EDITOR", "EDITOR"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "vi";
}

}  // namespace

Result<std::string> EditText(const std::string& text, const std::string& stem) {
  std::string dir = std::filesystem::temp_directory_path() / ("kops-edit-" + std::to_string(::getpid()));
  RETURN_IF_ERROR(MakeDirs(dir, 0700));
  std::string path = dir + "/" + stem + ".yaml";
  RETURN_IF_ERROR(WriteFileAtomic(path, text, 0600));
  std::string command = Editor() + " '" + path + "'";
  int rc = std::system(command.c_str());
  auto edited = ReadFile(path);
  std::filesystem::remove_all(dir);
  if (rc != 0)
    return FailedPrecondition("the editor (" + Editor() + ") exited with status " +
                              std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : rc) + "; nothing was changed");
  return edited;
}

}  // namespace kops::cli
