// The part of dns2 2.x (no type declarations) the local DNS server of the tests uses.
declare module 'dns2' {
  interface Question {
    name: string;
    type: number;
  }
  interface DnsPacket {
    header: { rcode: number };
    questions: Question[];
    answers: Record<string, unknown>[];
  }
  interface DnsServer {
    listen(options: { udp: { port: number; address: string } }): Promise<{ udp: { port: number } }>;
    close(): Promise<void>;
  }
  const dns2: {
    Packet: {
      TYPE: Record<'A' | 'AAAA' | 'TXT' | 'MX' | 'CNAME', number>;
      CLASS: { IN: number };
      createResponseFromRequest(request: DnsPacket): DnsPacket;
    };
    createServer(options: { udp: boolean; handle: (request: DnsPacket, send: (response: DnsPacket) => void) => void }): DnsServer;
  };
  export default dns2;
}
