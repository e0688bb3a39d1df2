package org.urbis.modbus.internal;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;

/** Checks that a reply answers its request: same unit, function and quantity. */
final class Replies {

    private Replies() {}

    /** What is wrong with the reply, or {@code null} when it fits the request. */
    static String problem(ModbusRequest request, ModbusResponse response, int unit) {
        if (response == null) {
            return "no reply decoded";
        }
        if (response.getUnitID() != unit) {
            return "unit " + response.getUnitID() + " answered a request to unit " + unit;
        }
        if (response.getFunctionCode() != request.getFunctionCode()) {
            return "function code " + response.getFunctionCode() + " in reply to function " + request.getFunctionCode();
        }
        if (request instanceof ReadMultipleRegistersRequest r) {
            int got = response instanceof ReadMultipleRegistersResponse rr ? rr.getByteCount() : -1;
            return bytes(got, r.getWordCount() * 2);
        }
        if (request instanceof ReadInputRegistersRequest r) {
            int got = response instanceof ReadInputRegistersResponse rr ? rr.getByteCount() : -1;
            return bytes(got, r.getWordCount() * 2);
        }
        if (request instanceof ReadCoilsRequest r) {
            int got = response instanceof ReadCoilsResponse rr ? rr.getCoils().byteSize() : -1;
            return bytes(got, (r.getBitCount() + 7) / 8);
        }
        if (request instanceof ReadInputDiscretesRequest r) {
            int got = response instanceof ReadInputDiscretesResponse rr
                    ? rr.getDiscretes().byteSize()
                    : -1;
            return bytes(got, (r.getBitCount() + 7) / 8);
        }
        if (request instanceof WriteSingleRegisterRequest r) {
            return response instanceof WriteSingleRegisterResponse rr && rr.getReference() == r.getReference()
                    ? null
                    : "the write confirmation names another register";
        }
        if (request instanceof WriteMultipleRegistersRequest r) {
            return response instanceof WriteMultipleRegistersResponse rr
                            && rr.getReference() == r.getReference()
                            && rr.getWordCount() == r.getWordCount()
                    ? null
                    : "the write confirmation names other registers";
        }
        if (request instanceof WriteCoilRequest r) {
            return response instanceof WriteCoilResponse rr && rr.getReference() == r.getReference()
                    ? null
                    : "the write confirmation names another coil";
        }
        return null;
    }

    private static String bytes(int got, int expected) {
        if (got == expected) {
            return null;
        }
        return got < 0 ? "a reply of the wrong kind" : got + " data bytes where " + expected + " were asked for";
    }
}
