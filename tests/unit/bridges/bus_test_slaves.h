// Hand-written SystemC slaves for the bridge tests: an APB3 slave and an AXI4-Lite slave with
// sixteen word registers, whose wait states, response delays and error ranges the test
// chooses. They are written like RTL (state changes on the rising clock edge, outputs a
// function of state and inputs) and record what they saw on each edge, so the tests check
// the bridges' handshakes against the protocol specifications (IHI 0024C, IHI 0022E).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include <systemc>

#include "peripherals/bridges/apb_bridge.h"
#include "peripherals/bridges/axi_lite_bridge.h"

namespace anvil::test {

// Runs `body` in an SC_THREAD (bridges wait, so their initiator must be a thread).
struct ThreadDriver : sc_core::sc_module {
  std::function<void()> body;
  explicit ThreadDriver(sc_core::sc_module_name name, std::function<void()> b)
      : sc_module(name), body(std::move(b)) {
    SC_THREAD(run);
  }
  SC_HAS_PROCESS(ThreadDriver);
  void run() { body(); }
};

struct ApbTestSlave : sc_core::sc_module {
  sc_core::sc_in<bool> pclk{"pclk"}, presetn{"presetn"};
  ApbSignals& bus;
  std::map<std::uint32_t, unsigned> wait_states;  // by address; others: none
  std::uint32_t error_from = 0x40;                // addresses at or above answer PSLVERR
  std::array<std::uint32_t, 16> registers{};
  struct Completed {
    std::uint64_t edge;  // rising edges of pclk since time zero, counting from 1
    bool write;
    std::uint32_t address, data;
  };
  std::vector<Completed> completed;
  unsigned setup_phases = 0;
  std::uint64_t edges = 0;

  ApbTestSlave(sc_core::sc_module_name name, RtlClockDomain& domain, ApbSignals& b)
      : sc_module(name), bus(b) {
    pclk.bind(domain.clk);
    presetn.bind(domain.resetn);
    SC_METHOD(evaluate);
    sensitive << pclk << presetn << bus.psel << bus.penable << bus.paddr << bus.pwrite
              << bus.pwdata;
  }
  SC_HAS_PROCESS(ApbTestSlave);

  void evaluate() {
    if (pclk.read() && !last_clock_) on_rising_edge();
    last_clock_ = pclk.read();
    const std::uint32_t address = bus.paddr.read();
    const bool access = bus.psel.read() && bus.penable.read();
    const bool ready = waits_left_ == 0;
    bus.pready.write(ready);
    bus.pslverr.write(access && ready && address >= error_from);
    bus.prdata.write(address < error_from ? registers[(address / 4) % 16] : 0xDEADBEEF);
  }

 private:
  void on_rising_edge() {
    ++edges;
    if (!presetn.read()) {
      registers.fill(0);
      waits_left_ = 0;
      return;
    }
    const std::uint32_t address = bus.paddr.read();
    if (bus.psel.read() && !bus.penable.read()) {
      ++setup_phases;
      const auto w = wait_states.find(address);
      waits_left_ = w == wait_states.end() ? 0 : w->second;
    } else if (bus.psel.read() && bus.penable.read()) {
      if (waits_left_ > 0) {
        --waits_left_;
        return;
      }
      completed.push_back({edges, bus.pwrite.read(), address, bus.pwdata.read()});
      if (bus.pwrite.read() && address < error_from)
        registers[(address / 4) % 16] = bus.pwdata.read();
    }
  }

  bool last_clock_ = false;
  unsigned waits_left_ = 0;
};

struct AxiLiteTestSlave : sc_core::sc_module {
  sc_core::sc_in<bool> aclk{"aclk"}, aresetn{"aresetn"};
  AxiLiteSignals& bus;
  unsigned address_ready_delay = 0;       // edges with AWVALID/ARVALID high before xREADY rises
  unsigned data_ready_delay = 0;          // edges with WVALID high before WREADY rises
  unsigned response_delay = 0;            // edges after the last write/read handshake before xVALID
  std::uint32_t slave_error_from = 0x40;  // SLVERR at or above
  std::uint32_t decode_error_from = 0x80;  // DECERR at or above
  std::array<std::uint32_t, 16> registers{};
  std::uint64_t edges = 0;
  std::vector<std::uint64_t> response_edges;  // edge of each B or R handshake

  AxiLiteTestSlave(sc_core::sc_module_name name, RtlClockDomain& domain, AxiLiteSignals& b)
      : sc_module(name), bus(b) {
    aclk.bind(domain.clk);
    aresetn.bind(domain.resetn);
    SC_METHOD(evaluate);
    sensitive << aclk << aresetn << bus.awvalid << bus.wvalid << bus.bready << bus.arvalid
              << bus.rready;
  }
  SC_HAS_PROCESS(AxiLiteTestSlave);

  void evaluate() {
    if (aclk.read() && !last_clock_) on_rising_edge();
    last_clock_ = aclk.read();
    bus.awready.write(!have_address_ && bus.awvalid.read() &&
                      waited_address_ >= address_ready_delay);
    bus.wready.write(!have_data_ && bus.wvalid.read() && waited_data_ >= data_ready_delay);
    bus.bvalid.write(write_response_ && response_wait_ == 0);
    bus.bresp.write(resp_);
    bus.arready.write(!read_response_ && bus.arvalid.read() &&
                      waited_read_address_ >= address_ready_delay);
    bus.rvalid.write(read_response_ && response_wait_ == 0);
    bus.rresp.write(resp_);
    bus.rdata.write(rdata_);
  }

 private:
  std::uint32_t response_for(std::uint32_t address) const {
    return address >= decode_error_from ? 3 : address >= slave_error_from ? 2 : 0;
  }

  void on_rising_edge() {
    ++edges;
    if (!aresetn.read()) {
      registers.fill(0);
      have_address_ = have_data_ = write_response_ = read_response_ = false;
      waited_address_ = waited_data_ = waited_read_address_ = response_wait_ = 0;
      return;
    }
    // Handshakes at this edge use the levels before it (the outputs computed last time).
    bool started = false;  // a response began its countdown at this edge
    if (bus.awvalid.read() && bus.awready.read()) {
      have_address_ = true;
      address_ = bus.awaddr.read();
    } else if (bus.awvalid.read()) {
      ++waited_address_;
    }
    if (bus.wvalid.read() && bus.wready.read()) {
      have_data_ = true;
      data_ = bus.wdata.read();
      strobes_ = bus.wstrb.read();
    } else if (bus.wvalid.read()) {
      ++waited_data_;
    }
    if (bus.bvalid.read() && bus.bready.read()) {
      write_response_ = false;
      response_edges.push_back(edges);
    }
    if (bus.rvalid.read() && bus.rready.read()) {
      read_response_ = false;
      response_edges.push_back(edges);
    }
    if (bus.arvalid.read() && bus.arready.read()) {
      const std::uint32_t address = bus.araddr.read();
      resp_ = response_for(address);
      rdata_ = resp_ == 0 ? registers[(address / 4) % 16] : 0;
      read_response_ = true;
      response_wait_ = response_delay;
      waited_read_address_ = 0;
      started = true;
    } else if (bus.arvalid.read()) {
      ++waited_read_address_;
    }
    if (have_address_ && have_data_) {
      resp_ = response_for(address_);
      if (resp_ == 0) {
        std::uint32_t& reg = registers[(address_ / 4) % 16];
        for (unsigned lane = 0; lane < 4; ++lane) {
          if (strobes_ & (1u << lane)) {
            const std::uint32_t mask = 0xFFu << (8 * lane);
            reg = (reg & ~mask) | (data_ & mask);
          }
        }
      }
      have_address_ = have_data_ = false;
      waited_address_ = waited_data_ = 0;
      write_response_ = true;
      response_wait_ = response_delay;
      started = true;
    }
    if (!started && (write_response_ || read_response_) && response_wait_ > 0) --response_wait_;
  }

  bool last_clock_ = false;
  bool have_address_ = false, have_data_ = false, write_response_ = false, read_response_ = false;
  unsigned waited_address_ = 0, waited_data_ = 0, waited_read_address_ = 0, response_wait_ = 0;
  std::uint32_t address_ = 0, data_ = 0, strobes_ = 0, resp_ = 0, rdata_ = 0;
};

}  // namespace anvil::test
