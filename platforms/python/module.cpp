// The `anvil._anvil` extension module (pybind11): the parts of Anvil the Python package
// (anvil/__init__.py) needs from C++. Simulations run in child processes
// (simulation_process.h); board files are loaded and checked in this process, which needs
// no SystemC.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>

#include "platforms/lua/board_validator.h"
#include "platforms/python/simulation_process.h"
#include "platforms/registry.h"

namespace py = pybind11;

namespace anvil {
namespace {

Message to_message(const py::list& fields) {
  Message message;
  for (const py::handle field : fields) {
    if (py::isinstance<py::bytes>(field))
      message.push_back(field.cast<std::string>());
    else
      message.push_back(py::str(field).cast<std::string>());
  }
  return message;
}

py::list to_list(const Message& message) {
  py::list list;
  for (const std::string& field : message) list.append(py::bytes(field));
  return list;
}

// Relative to the folder of the file that declared it, like a Path parameter.
std::string resolve_beside(const std::string& path, const SourceLocation& where) {
  namespace fs = std::filesystem;
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(where.file).parent_path() / path).lexically_normal().string();
}

// A board file as data, for anvil.load_board(): its problems instead of an exception, so
// `anvil check` and the pytest plugin can list them all.
py::dict load_board(const std::string& path, const std::vector<std::string>& params,
                    const std::string& boards_dir, bool require_params) {
  Registry registry;
  register_builtin_types(registry);
  BoardLoadOptions options;
  options.boards_dir = boards_dir;
  options.require_params = require_params;
  py::list problems;
  try {
    for (const std::string& param : params) options.overrides.push_back(parse_override(param));
  } catch (const std::invalid_argument& e) {
    problems.append(std::string(e.what()));
  }
  LoadedBoard loaded = load_board_file(path, options);
  if (loaded.is_board) {
    apply_field_overrides(loaded, options.overrides);
    BoardProblems more = validate_board(loaded.desc, registry, loaded.type_where);
    loaded.problems.insert(loaded.problems.end(), more.begin(), more.end());
  }
  for (const BoardProblem& problem : loaded.problems) problems.append(problem.str());
  py::list tests;
  for (const FirmwareTest& test : loaded.firmware_tests) {
    py::dict entry;
    entry["name"] = test.name;
    entry["firmware"] = test.firmware;
    entry["param"] = test.param;
    entry["golden"] = resolve_beside(test.golden, test.where);
    entry["uart"] = test.uart;
    entry["exit_code"] = test.exit_code;
    entry["timeout"] = test.timeout_seconds;
    entry["params"] = test.params;
    entry["where"] = location_text(test.where);
    tests.append(entry);
  }
  py::dict board;
  board["name"] = loaded.desc.name;
  board["file"] = path;
  board["description"] = loaded.description;
  board["is_board"] = loaded.is_board;
  board["params"] = loaded.params;
  board["problems"] = problems;
  board["firmware_tests"] = tests;
  return board;
}

}  // namespace
}  // namespace anvil

PYBIND11_MODULE(_anvil, m) {
  using anvil::SimulationProcess;
  m.doc() = "Anvil's C++ side: simulation processes and board files (see the anvil package)";
  py::register_exception<anvil::ProtocolError>(m, "ProtocolError", PyExc_RuntimeError);

  py::class_<SimulationProcess>(m, "Process")
      .def(py::init([](const std::string& board, const std::vector<std::string>& params,
                       const std::string& boards_dir, std::optional<double> quantum_seconds,
                       const std::string& semihosting_root) {
             anvil::ServerOptions options{board, params, boards_dir, quantum_seconds,
                                          semihosting_root};
             return std::make_unique<SimulationProcess>(options);
           }),
           py::arg("board"), py::arg("params"), py::arg("boards_dir"), py::arg("quantum_seconds"),
           py::arg("semihosting_root"))
      .def("ready",
           [](SimulationProcess& process) {
             anvil::Message reply;
             {
               py::gil_scoped_release release;
               reply = process.ready();
             }
             return anvil::to_list(reply);
           })
      .def("request",
           [](SimulationProcess& process, const py::list& fields) {
             const anvil::Message request = anvil::to_message(fields);
             anvil::Message reply;
             {
               py::gil_scoped_release release;
               // Ctrl-C: Python's handler runs now (raising KeyboardInterrupt), and the run
               // in the child stops at its next quantum boundary.
               reply = process.request(request, [] {
                 py::gil_scoped_acquire acquire;
                 return PyErr_CheckSignals() != 0;
               });
             }
             if (PyErr_Occurred()) throw py::error_already_set();
             return anvil::to_list(reply);
           })
      .def("close", &SimulationProcess::close, py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("running", &SimulationProcess::running);

  m.def("load_board", &anvil::load_board, py::arg("path"), py::arg("params"), py::arg("boards_dir"),
        py::arg("require_params"),
        "Loads and validates a board file; returns its name, problems and firmware tests.");
  m.attr("DEFAULT_BOARDS_DIR") = ANVIL_DEFAULT_BOARDS_DIR;
}
