//! The smallest ZIP writer an Office Open XML file needs: deflated entries written in one go
//! from memory, with their central directory (PKWARE APPNOTE 6.3, no ZIP64).

use std::io::Write;

use flate2::Crc;
use flate2::write::DeflateEncoder;

/// 1980-01-01 00:00 in MS-DOS form: the files carry no meaningful date.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Builds an archive entry by entry.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

impl ZipWriter {
    /// Adds a file, deflated.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let mut crc = Crc::new();
        crc.update(data);
        let mut encoder = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(data)
            .expect("writing to memory cannot fail");
        let deflated = encoder.finish().expect("writing to memory cannot fail");
        let entry = Entry {
            name: name.to_owned(),
            crc: crc.sum(),
            compressed: deflated.len() as u32,
            size: data.len() as u32,
            offset: self.out.len() as u32,
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.common_header(&entry);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&deflated);
        self.entries.push(entry);
    }

    /// Version needed, flags, method, date, CRC, sizes, name length and extra length: the part
    /// local and central headers share.
    fn common_header(&mut self, entry: &Entry) {
        let out = &mut self.out;
        out.extend_from_slice(&20u16.to_le_bytes());
        // Bit 11: names are UTF-8.
        out.extend_from_slice(&(1u16 << 11).to_le_bytes());
        out.extend_from_slice(&8u16.to_le_bytes());
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&entry.crc.to_le_bytes());
        out.extend_from_slice(&entry.compressed.to_le_bytes());
        out.extend_from_slice(&entry.size.to_le_bytes());
        out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Vec<u8> {
        let directory_start = self.out.len() as u32;
        let entries = std::mem::take(&mut self.entries);
        for entry in &entries {
            self.out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            // Made by: version 2.0, MS-DOS attributes.
            self.out.extend_from_slice(&20u16.to_le_bytes());
            self.common_header(entry);
            // Comment length, disk number, internal and external attributes.
            self.out.extend_from_slice(&[0; 10]);
            self.out.extend_from_slice(&entry.offset.to_le_bytes());
            self.out.extend_from_slice(entry.name.as_bytes());
        }
        let directory_size = self.out.len() as u32 - directory_start;
        let count = entries.len() as u16;
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        self.out.extend_from_slice(&count.to_le_bytes());
        self.out.extend_from_slice(&count.to_le_bytes());
        self.out.extend_from_slice(&directory_size.to_le_bytes());
        self.out.extend_from_slice(&directory_start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}
