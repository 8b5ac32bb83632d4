// libsystemc.so defines main() and calls sc_main(), so every executable linking it needs an
// sc_main, even one with its own main() (the anvil CLI, the Catch2 tests). Anvil starts
// SystemC through Simulation::run() instead; this sc_main is never called.
extern "C" int sc_main(int, char**) {
  return 70;
}
