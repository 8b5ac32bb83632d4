// apb_gpio: an 8-pin APB3 GPIO block with edge and level interrupts, written for Anvil's
// RTL co-simulation (docs/rtl-cosim.md). Synthesizable style: one clock, synchronous
// active-low reset, inputs through a two-flop synchronizer. AMBA APB: ARM IHI 0024C.
//
// Registers (word offsets):
//   0x00 DATA_OUT  value driven on the pins whose DIR bit is set
//   0x04 DIR       1 = output
//   0x08 DATA_IN   the synchronized pin levels (read only; two pclk cycles behind the pins)
//   0x0C IRQ_EN    per-pin interrupt enable
//   0x10 IRQ_EDGE  per pin: 1 = edge-triggered, 0 = level-sensitive
//   0x14 IRQ_POL   per pin: 1 = rising edge / high level, 0 = falling edge / low level
//   0x18 IRQ_STATUS edge pins: latched, write 1 to clear; level pins: the live condition
//   0x1C ID        reads 0x4750494F ("GPIO"); read only
// Any other offset, and a write to DATA_IN, IRQ_STATUS of a level pin (ignored) or ID,
// answers PSLVERR (level bits are simply not writable; only DATA_IN and ID fault).
// irq is the OR of IRQ_STATUS & IRQ_EN. clk_req is high while an input change is still
// travelling through the synchronizer or edge detector.
`timescale 1ns / 1ps
module apb_gpio (
    input  wire        pclk,
    input  wire        presetn,
    input  wire        psel,
    input  wire        penable,
    input  wire        pwrite,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [11:0] paddr,  // bits 1:0 unused: word registers
    input  wire [31:0] pwdata,  // bits 31:8 unused: 8 pins
    /* verilator lint_on UNUSEDSIGNAL */
    output reg  [31:0] prdata,
    output wire        pready,
    output wire        pslverr,
    output wire        irq,
    input  wire [7:0]  gpio_in,
    output wire [7:0]  gpio_out,
    output wire        clk_req
);
  localparam [31:0] ID_VALUE = 32'h4750494F;

  reg [7:0] data_out, dir, irq_en, irq_edge, irq_pol, edge_status;
  reg [7:0] sync1, sync2, previous;

  wire [9:0] word = paddr[11:2];
  wire access = psel && penable;
  wire known = word <= 10'd7;
  wire read_only = word == 10'd2 || word == 10'd7;

  wire [7:0] active_level = ~(sync2 ^ irq_pol);  // pin at its active level
  wire [7:0] rising = sync2 & ~previous;
  wire [7:0] falling = ~sync2 & previous;
  wire [7:0] edge_seen = (irq_pol & rising) | (~irq_pol & falling);
  wire [7:0] status = (irq_edge & edge_status) | (~irq_edge & active_level);

  assign pready = 1'b1;
  assign pslverr = access && (!known || (pwrite && read_only));
  assign irq = |(status & irq_en);
  assign gpio_out = data_out & dir;
  assign clk_req = (gpio_in != sync1) || (sync1 != sync2) || (sync2 != previous);

  always @(*) begin
    case (word)
      10'd0: prdata = {24'd0, data_out};
      10'd1: prdata = {24'd0, dir};
      10'd2: prdata = {24'd0, sync2};
      10'd3: prdata = {24'd0, irq_en};
      10'd4: prdata = {24'd0, irq_edge};
      10'd5: prdata = {24'd0, irq_pol};
      10'd6: prdata = {24'd0, status};
      10'd7: prdata = ID_VALUE;
      default: prdata = 32'd0;
    endcase
  end

  wire write = access && pwrite && known && !read_only;

  always @(posedge pclk) begin
    if (!presetn) begin
      data_out <= 8'd0;
      dir <= 8'd0;
      irq_en <= 8'd0;
      irq_edge <= 8'd0;
      irq_pol <= 8'd0;
      edge_status <= 8'd0;
      sync1 <= 8'd0;
      sync2 <= 8'd0;
      previous <= 8'd0;
    end else begin
      sync1 <= gpio_in;
      sync2 <= sync1;
      previous <= sync2;
      edge_status <= edge_status | edge_seen;
      if (write) begin
        case (word)
          10'd0: data_out <= pwdata[7:0];
          10'd1: dir <= pwdata[7:0];
          10'd3: irq_en <= pwdata[7:0];
          10'd4: irq_edge <= pwdata[7:0];
          10'd5: irq_pol <= pwdata[7:0];
          10'd6: edge_status <= (edge_status | edge_seen) & ~pwdata[7:0];
          default: ;
        endcase
      end
    end
  end
endmodule
