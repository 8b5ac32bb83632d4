// apb_timer: an APB3 timer/PWM block, written for Anvil's RTL co-simulation (docs/rtl-cosim.md).
// Synthesizable style: one clock (pclk), synchronous active-low reset (presetn), a register
// file, a registered interrupt output. AMBA APB protocol: ARM IHI 0024C.
//
// Registers (word offsets):
//   0x00 CTRL      bit 0 EN (counter runs), bit 1 IRQEN (irq follows STATUS.MATCH),
//                  bit 2 PWMEN (pwm_out follows COUNT < DUTY). Writing CTRL restarts the prescaler.
//   0x04 PRESCALE  16 bits: the counter ticks every PRESCALE + 1 pclk cycles.
//   0x08 COMPARE   the counter counts 0..COMPARE, then wraps to 0 and sets STATUS.MATCH, so
//                  matches are (PRESCALE + 1) * (COMPARE + 1) cycles apart.
//   0x0C COUNT     the counter; writes load it. Reads take one wait state (PREADY low for one
//                  cycle) while the value is captured into a holding register.
//   0x10 DUTY      PWM duty: pwm_out is high while COUNT < DUTY.
//   0x14 STATUS    bit 0 MATCH (write 1 to clear), bit 1 PWM output level (read only).
//   0x18 ID        reads 0x41544D52 ("ATMR"); read only.
// Any other offset, and a write to ID, answers PSLVERR.
// clk_req is high while the block needs its clock (the counter runs); with it low the
// simulator may stop pclk (docs/rtl-cosim.md: clock gating).
`timescale 1ns / 1ps
module apb_timer (
    input  wire        pclk,
    input  wire        presetn,
    input  wire        psel,
    input  wire        penable,
    input  wire        pwrite,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [11:0] paddr,  // bits 1:0 unused: word registers
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [31:0] pwdata,
    output reg  [31:0] prdata,
    output wire        pready,
    output wire        pslverr,
    output wire        irq,
    output wire        pwm_out,
    output wire        clk_req
);
  localparam [31:0] ID_VALUE = 32'h41544D52;

  reg [2:0] ctrl;
  reg [15:0] prescale, prescale_count;
  reg [31:0] compare, count, duty;
  reg [31:0] count_hold;  // COUNT as captured during its read's wait state
  reg match;
  reg count_captured;  // the wait state of a COUNT read has passed

  wire [9:0] word = paddr[11:2];
  wire access = psel && penable;
  wire known = word <= 10'd6;
  wire is_count_read = !pwrite && word == 10'd3;

  assign pready = !(access && is_count_read && !count_captured);
  assign pslverr = access && pready && (!known || (pwrite && word == 10'd6));
  assign irq = match && ctrl[1];
  assign pwm_out = ctrl[2] && count < duty;
  assign clk_req = ctrl[0];

  always @(*) begin
    case (word)
      10'd0: prdata = {29'd0, ctrl};
      10'd1: prdata = {16'd0, prescale};
      10'd2: prdata = compare;
      10'd3: prdata = count_hold;
      10'd4: prdata = duty;
      10'd5: prdata = {30'd0, pwm_out, match};
      10'd6: prdata = ID_VALUE;
      default: prdata = 32'd0;
    endcase
  end

  wire tick = ctrl[0] && prescale_count == prescale;
  wire write = access && pready && pwrite && known;

  always @(posedge pclk) begin
    if (!presetn) begin
      ctrl <= 3'd0;
      prescale <= 16'd0;
      prescale_count <= 16'd0;
      compare <= 32'hFFFFFFFF;
      count <= 32'd0;
      count_hold <= 32'd0;
      duty <= 32'd0;
      match <= 1'b0;
      count_captured <= 1'b0;
    end else begin
      count_captured <= access && is_count_read && !count_captured;
      if (access && is_count_read && !count_captured) count_hold <= count;

      if (ctrl[0]) prescale_count <= tick ? 16'd0 : prescale_count + 16'd1;
      if (tick) begin
        if (count == compare) begin
          count <= 32'd0;
          match <= 1'b1;
        end else begin
          count <= count + 32'd1;
        end
      end

      if (write) begin
        case (word)
          10'd0: begin
            ctrl <= pwdata[2:0];
            prescale_count <= 16'd0;
          end
          10'd1: prescale <= pwdata[15:0];
          10'd2: compare <= pwdata;
          10'd3: count <= pwdata;
          10'd4: duty <= pwdata;
          10'd5: if (pwdata[0]) match <= 1'b0;
          default: ;
        endcase
      end
    end
  end
endmodule
