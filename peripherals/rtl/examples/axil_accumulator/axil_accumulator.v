// axil_accumulator: the example block of docs/rtl-cosim.md, a user's own Verilog on an
// AXI4-Lite port (AMBA AXI, ARM IHI 0022E, B1). One clock (aclk), synchronous active-low
// reset (aresetn).
//
// Registers (word offsets):
//   0x00 ADD        write: SUM += value, COUNT += 1 (reads as 0)
//   0x04 SUM        the running sum; writable
//   0x08 COUNT      how many ADDs since reset or since SUM was written (read only)
//   0x0C THRESHOLD  irq is high while THRESHOLD != 0 and SUM >= THRESHOLD
// Any other offset answers SLVERR; so does a write to COUNT. WSTRB is honoured for SUM and
// THRESHOLD; ADD adds the whole word. clk_req (optional, docs/rtl-cosim.md) is high while a
// response waits to be taken.
`timescale 1ns / 1ps
module axil_accumulator (
    input  wire        aclk,
    input  wire        aresetn,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [11:0] awaddr,  // bits 1:0 unused: word registers
    input  wire [11:0] araddr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire        awvalid,
    output wire        awready,
    input  wire [31:0] wdata,
    input  wire [3:0]  wstrb,
    input  wire        wvalid,
    output wire        wready,
    output reg  [1:0]  bresp,
    output reg         bvalid,
    input  wire        bready,
    input  wire        arvalid,
    output wire        arready,
    output reg  [31:0] rdata,
    output reg  [1:0]  rresp,
    output reg         rvalid,
    input  wire        rready,
    output wire        irq,
    output wire        clk_req
);
  localparam [1:0] OKAY = 2'b00, SLVERR = 2'b10;

  reg [31:0] sum, count, threshold;

  // A write is taken when address and data are both there and the last response is gone.
  wire take_write = awvalid && wvalid && !bvalid;
  assign awready = take_write;
  assign wready = take_write;
  assign arready = !rvalid;
  assign irq = threshold != 32'd0 && sum >= threshold;
  // Nothing changes between transactions: the clock may stop once the last response is taken.
  assign clk_req = bvalid || rvalid;

  wire [9:0] write_word = awaddr[11:2];
  wire [9:0] read_word = araddr[11:2];
  wire [31:0] strobe_mask = {{8{wstrb[3]}}, {8{wstrb[2]}}, {8{wstrb[1]}}, {8{wstrb[0]}}};

  always @(posedge aclk) begin
    if (!aresetn) begin
      sum <= 32'd0;
      count <= 32'd0;
      threshold <= 32'd0;
      bvalid <= 1'b0;
      bresp <= OKAY;
      rvalid <= 1'b0;
      rresp <= OKAY;
      rdata <= 32'd0;
    end else begin
      if (bvalid && bready) bvalid <= 1'b0;
      if (take_write) begin
        bvalid <= 1'b1;
        bresp <= OKAY;
        case (write_word)
          10'd0: begin
            sum <= sum + wdata;
            count <= count + 32'd1;
          end
          10'd1: begin
            sum <= (sum & ~strobe_mask) | (wdata & strobe_mask);
            count <= 32'd0;
          end
          10'd3: threshold <= (threshold & ~strobe_mask) | (wdata & strobe_mask);
          default: bresp <= SLVERR;
        endcase
      end

      if (rvalid && rready) rvalid <= 1'b0;
      if (arvalid && arready) begin
        rvalid <= 1'b1;
        rresp <= OKAY;
        case (read_word)
          10'd0: rdata <= 32'd0;
          10'd1: rdata <= sum;
          10'd2: rdata <= count;
          10'd3: rdata <= threshold;
          default: begin
            rdata <= 32'd0;
            rresp <= SLVERR;
          end
        endcase
      end
    end
  end
endmodule
